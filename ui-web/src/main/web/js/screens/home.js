// Home screen: station name, big tiles, and a small entry for the station's staff.
import { h, svg } from '../dom.js';
import { t } from '../i18n.js';
import { searchIcon } from '../components.js';

function tileIcon(cls, ...shapes) {
  return svg('svg', {
    class: 'icon ' + cls, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false',
    fill: 'none', stroke: 'currentColor', 'stroke-width': '2.4', 'stroke-linecap': 'round', 'stroke-linejoin': 'round',
  }, ...shapes);
}

function tile(testid, icon, title, desc, onClick) {
  return h('button', { type: 'button', class: 'tile ' + testid, 'data-testid': testid, onClick },
    icon,
    h('span', { class: 'tile-text' },
      h('span', { class: 'tile-title' }, title),
      h('span', { class: 'tile-desc' }, desc)));
}

export function mount(root, ctx) {
  const tiles = h('div', { class: 'tiles' },
    tile('tile-catalog', searchIcon(), t('home.tile.catalog.title'), t('home.tile.catalog.desc'),
      () => ctx.navigate('#/catalog')),
    tile('tile-appeal',
      tileIcon('icon-appeal', svg('path', { d: 'M4 5h16v11H9l-5 4z' }), svg('path', { d: 'M8 9.5h8M8 12.5h5' })),
      t('home.tile.appeal.title'), t('home.tile.appeal.desc'),
      () => { ctx.session.appeal = null; ctx.navigate('#/appeal'); }),
    tile('tile-lookup',
      tileIcon('icon-lookup', svg('rect', { x: '4', y: '3', width: '16', height: '18', rx: '2' }),
        svg('path', { d: 'M8 8h8M8 12h8M8 16h4' })),
      t('home.tile.lookup.title'), t('home.tile.lookup.desc'),
      () => { ctx.session.lookup = null; ctx.navigate('#/lookup'); }));

  root.append(h('section', { class: 'screen home', 'data-testid': 'screen-home' },
    h('h1', { class: 'home-station', 'data-testid': 'station-name' }, ctx.stationName()),
    h('p', { class: 'home-welcome' }, t('home.welcome')),
    tiles,
    h('p', { class: 'home-help' }, t('home.help')),
    h('div', { class: 'home-staff' },
      h('button', {
        type: 'button', class: 'btn-staff', 'data-testid': 'btn-staff',
        onClick: () => { ctx.session.staffLogin = null; ctx.navigate('#/staff'); },
      }, t('home.staff')))));

  return { unmount() {} };
}
