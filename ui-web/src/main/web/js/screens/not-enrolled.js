// "尚未注册 / Not yet enrolled": all a resident sees on a kiosk that the central platform has not
// enrolled yet (the kiosk's API refuses everything else, problem not-enrolled), with a small
// entry for the technician who enrolls it (screens/technician.js).
import { h } from '../dom.js';
import { t, tIn, getLang } from '../i18n.js';

export function mount(root, ctx) {
  root.append(h('section', { class: 'screen not-enrolled', 'data-testid': 'screen-notEnrolled' },
    h('h1', { class: 'screen-title' }, t('enroll.wait.title')),
    h('p', { class: 'not-enrolled-body' }, t('enroll.wait.body')),
    h('p', { class: 'not-enrolled-help' }, t('enroll.wait.help')),
    // A technician who does not read Chinese finds the way without switching the language.
    getLang() === 'en' ? null : h('p', { class: 'not-enrolled-en', lang: 'en', 'data-testid': 'not-enrolled-en' },
      tIn('en', 'enroll.wait.title') + ' — ' + tIn('en', 'enroll.wait.body')),
    h('div', { class: 'home-staff' },
      h('button', {
        type: 'button', class: 'btn-staff', 'data-testid': 'btn-technician',
        onClick: () => { ctx.session.technician = null; ctx.navigate('#/technician'); },
      }, getLang() === 'en' ? t('enroll.wait.technician')
        : t('enroll.wait.technician') + ' / ' + tIn('en', 'enroll.wait.technician')))));
  return { unmount() {} };
}
