// Home screen: station name and big tiles.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { searchIcon } from '../components.js';

export function mount(root, ctx) {
  const tiles = h('div', { class: 'tiles' },
    h('button', {
      type: 'button', class: 'tile tile-catalog', 'data-testid': 'tile-catalog',
      onClick: () => ctx.navigate('#/catalog'),
    },
      searchIcon(),
      h('span', { class: 'tile-text' },
        h('span', { class: 'tile-title' }, t('home.tile.catalog.title')),
        h('span', { class: 'tile-desc' }, t('home.tile.catalog.desc')))),
    // Room for the future tiles "我要反映 / File an appeal" and "查询进度 / Track my appeal":
    // they are deliberately not rendered until those services exist (no fake buttons).
  );

  root.append(h('section', { class: 'screen home', 'data-testid': 'screen-home' },
    h('h1', { class: 'home-station', 'data-testid': 'station-name' }, ctx.stationName()),
    h('p', { class: 'home-welcome' }, t('home.welcome')),
    tiles,
    h('p', { class: 'home-help' }, t('home.help'))));

  return { unmount() {} };
}
