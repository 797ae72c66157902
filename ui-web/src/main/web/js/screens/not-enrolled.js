// "尚未注册 / Not yet enrolled": all a resident sees on a kiosk that the central platform has not
// enrolled yet (the kiosk's API refuses everything else, problem not-enrolled), with a small
// entry for the technician who enrolls it (screens/technician.js).
import { h } from '../dom.js';
import { t } from '../i18n.js';

export function mount(root, ctx) {
  root.append(h('section', { class: 'screen not-enrolled', 'data-testid': 'screen-notEnrolled' },
    h('h1', { class: 'screen-title' }, t('enroll.wait.title')),
    h('p', { class: 'not-enrolled-body' }, t('enroll.wait.body')),
    h('p', { class: 'not-enrolled-help' }, t('enroll.wait.help')),
    h('div', { class: 'home-staff' },
      h('button', {
        type: 'button', class: 'btn-staff', 'data-testid': 'btn-technician',
        onClick: () => { ctx.session.technician = null; ctx.navigate('#/technician'); },
      }, t('enroll.wait.technician')))));
  return { unmount() {} };
}
