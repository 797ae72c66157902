// Every string the page shows comes from this table. Catalog text (item names, departments,
// steps, ...) comes from the API already in the chosen language and is NOT in here.
//
// t(key, params): '{name}' placeholders are replaced by params.name. When params.count === 1
// and a '<key>.one' entry exists, that entry is used (English singular).

export const LANGUAGES = ['zh-CN', 'en'];
export const FALLBACK_LANG = 'zh-CN';

const STRINGS = {
  'zh-CN': {
    'app.title': '就近办',
    'app.stationFallback': '便民服务站',

    'header.home': '回首页',
    'header.elder': '老人模式',
    'header.elder.on': '开',
    'header.elder.off': '关',
    'lang.zh': '中文',
    'lang.en': 'English',

    'home.welcome': '您好！请点下面的按钮开始。',
    'home.tile.catalog.title': '就近办事项',
    'home.tile.catalog.desc': '查一查在家门口能办的事：带什么材料、去哪里办、多久办好',
    'home.help': '不会用？请找服务站的工作人员帮忙。',

    'catalog.title': '就近办事项',
    'catalog.search.label': '搜索事项',
    'catalog.search.placeholder': '输入要办的事',
    'catalog.hint': '可以输入汉字、拼音或拼音首字母，如 lnr = 老年人',
    'catalog.popular': '常用词：',
    'catalog.chips': ['老年证', '医保', '社保卡', '居住证', '低保', '残疾人', '就业', '生育'],
    'catalog.keyboard.hide': '收起键盘',
    'catalog.keyboard.show': '打开键盘',
    'catalog.browse.title': '按分类查找',
    'catalog.tab.departments': '按部门',
    'catalog.tab.lifeEvents': '按人生事件',
    'catalog.entry.count': '{count} 项',
    'catalog.browse.empty': '暂时没有分类。',
    'catalog.results.forQuery': '“{q}”的查找结果',
    'catalog.results.forDepartment': '部门：{name}',
    'catalog.results.forLifeEvent': '人生事件：{name}',
    'catalog.results.forDepartmentUnknown': '这个部门的事项',
    'catalog.results.forLifeEventUnknown': '这一类的事项',
    'catalog.results.count': '共找到 {count} 项',
    'catalog.results.countAtLeast': '找到超过 {count} 项，再输入几个字可以缩小范围',
    'catalog.results.shown': '，已显示 {shown} 项',
    'catalog.results.searching': '正在查找，请稍候……',
    'catalog.results.empty': '没有找到相关事项。请换个说法试试，比如“医保”“社保卡”，或者点上面的常用词。',
    'catalog.more': '更多（还有 {count} 项）',
    'catalog.moreOpen': '更多',
    'catalog.moreLoading': '正在加载……',
    'catalog.backToBrowse': '返回分类',

    'result.level': '办理层级：{text}',
    'result.time': '承诺时限：{text}',
    'badge.proxy': '可帮办代办',
    'badge.online': '可网上办',

    'keyboard.label': '屏幕键盘',
    'keyboard.backspace': '删除',
    'keyboard.clear': '清空',
    'keyboard.space': '空格',
    'keyboard.search': '搜索',

    'item.aka': '又称：{names}',
    'item.section.channels': '办理地点和时间',
    'item.channel.address': '地址：',
    'item.channel.hours': '时间：',
    'item.section.department': '承办部门',
    'item.section.level': '办理层级',
    'item.section.evidence': '所需材料',
    'item.evidence.none': '不需要准备材料。',
    'item.evidence.original': '原件',
    'item.evidence.copy': '复印件',
    'item.evidence.count': '{form} × {count} 份',
    'item.section.steps': '办理流程',
    'item.section.cost': '收费',
    'item.cost.free': '免费',
    'item.section.time': '承诺时限',
    'item.section.proxy': '帮办代办',
    'item.proxy.yes': '可以。服务站工作人员可以帮您办理。',
    'item.proxy.no': '不可以。这个事项不能由工作人员代办。',
    'item.section.online': '网上办理',
    'item.online.yesChannel': '可以。在“{channel}”上办理。',
    'item.online.yes': '可以在网上办理。',
    'item.online.no': '不可以。请到上面写的地点办理。',
    'item.section.lifeEvents': '相关分类',
    'item.unknown': '（未提供）',
    'item.back': '返回',

    'list.sep': '、',
    'common.loading': '正在加载，请稍候……',

    'error.title': '出了点问题',
    'error.generic': '暂时无法显示。请稍后再试，或请工作人员帮忙。',
    'error.network.title': '连不上服务器',
    'error.network.detail': '请稍后再试，或请工作人员帮忙。',
    'error.timeout.title': '服务器没有回应',
    'error.timeout.detail': '请稍后再试，或请工作人员帮忙。',
    'error.format.title': '收到的内容有误',
    'error.retry': '再试一次',
    'error.query.title': '输入的字太多了',
    'error.query.detail': '请少输入一些字，最多 100 个字、8 个词。',
    'error.request.title': '这个请求没有办法处理',
    'error.notFound.title': '没有找到这一项',
    'error.notFound.detail': '它可能已经调整或取消。请回到列表重新查找，或请工作人员帮忙。',
  },

  en: {
    'app.title': 'Jinban',
    'app.stationFallback': 'Community service station',

    'header.home': 'Home',
    'header.elder': 'Senior mode',
    'header.elder.on': 'On',
    'header.elder.off': 'Off',
    'lang.zh': '中文',
    'lang.en': 'English',

    'home.welcome': 'Hello! Tap the button below to start.',
    'home.tile.catalog.title': 'Services nearby',
    'home.tile.catalog.desc': 'What you can get done near home: which papers to bring, where to go, how long it takes',
    'home.help': 'Need help? Please ask the station staff.',

    'catalog.title': 'Services nearby',
    'catalog.search.label': 'Search services',
    'catalog.search.placeholder': 'Type what you need',
    'catalog.hint': 'Type words, pinyin, or pinyin initials, e.g. lnr = 老年人 (senior citizens)',
    'catalog.popular': 'Popular:',
    'catalog.chips': ['senior card', 'medical insurance', 'social security card', 'residence permit', 'subsistence allowance', 'disability', 'employment', 'maternity'],
    'catalog.keyboard.hide': 'Hide keyboard',
    'catalog.keyboard.show': 'Show keyboard',
    'catalog.browse.title': 'Browse',
    'catalog.tab.departments': 'By department',
    'catalog.tab.lifeEvents': 'By life event',
    'catalog.entry.count': '{count} services',
    'catalog.entry.count.one': '1 service',
    'catalog.browse.empty': 'No categories yet.',
    'catalog.results.forQuery': 'Results for “{q}”',
    'catalog.results.forDepartment': 'Department: {name}',
    'catalog.results.forLifeEvent': 'Life event: {name}',
    'catalog.results.forDepartmentUnknown': 'Services of this department',
    'catalog.results.forLifeEventUnknown': 'Services in this group',
    'catalog.results.count': '{count} services found',
    'catalog.results.countAtLeast': 'More than {count} services found; type a few more letters to narrow them down',
    'catalog.results.count.one': '1 service found',
    'catalog.results.shown': ', {shown} shown',
    'catalog.results.searching': 'Searching, please wait…',
    'catalog.results.empty': 'Nothing found. Please try other words, such as “medical insurance”, or tap a popular word above.',
    'catalog.more': 'More ({count} left)',
    'catalog.moreOpen': 'More',
    'catalog.moreLoading': 'Loading…',
    'catalog.backToBrowse': 'Back to categories',

    'result.level': 'Handled at: {text}',
    'result.time': 'Time limit: {text}',
    'badge.proxy': 'Staff can help',
    'badge.online': 'Online',

    'keyboard.label': 'On-screen keyboard',
    'keyboard.backspace': 'Delete',
    'keyboard.clear': 'Clear',
    'keyboard.space': 'Space',
    'keyboard.search': 'Search',

    'item.aka': 'Also called: {names}',
    'item.section.channels': 'Where and when',
    'item.channel.address': 'Address: ',
    'item.channel.hours': 'Hours: ',
    'item.section.department': 'Department',
    'item.section.level': 'Handled at',
    'item.section.evidence': 'Documents to bring',
    'item.evidence.none': 'No documents needed.',
    'item.evidence.original': 'Original',
    'item.evidence.copy': 'Photocopy',
    'item.evidence.count': '{form} × {count}',
    'item.section.steps': 'Steps',
    'item.section.cost': 'Fee',
    'item.cost.free': 'Free',
    'item.section.time': 'Time limit',
    'item.section.proxy': 'Staff help',
    'item.proxy.yes': 'Yes. Station staff can do it for you.',
    'item.proxy.no': 'No. Staff cannot do this one for you.',
    'item.section.online': 'Online',
    'item.online.yesChannel': 'Yes, on “{channel}”.',
    'item.online.yes': 'Yes, it can be done online.',
    'item.online.no': 'No. Please go to the place shown above.',
    'item.section.lifeEvents': 'Related groups',
    'item.unknown': '(not given)',
    'item.back': 'Back',

    'list.sep': ', ',
    'common.loading': 'Loading, please wait…',

    'error.title': 'Something went wrong',
    'error.generic': 'This cannot be shown right now. Please try again later, or ask the staff.',
    'error.network.title': 'Cannot reach the server',
    'error.network.detail': 'Please try again later, or ask the staff.',
    'error.timeout.title': 'The server did not answer',
    'error.timeout.detail': 'Please try again later, or ask the staff.',
    'error.format.title': 'The answer could not be read',
    'error.retry': 'Try again',
    'error.query.title': 'That is too much text',
    'error.query.detail': 'Please type less: at most 100 characters and 8 words.',
    'error.request.title': 'This request cannot be handled',
    'error.notFound.title': 'This service was not found',
    'error.notFound.detail': 'It may have been changed or withdrawn. Go back to the list and search again, or ask the staff.',
  },
};

let current = FALLBACK_LANG;

/** Maps anything (e.g. 'zh', 'zh_CN', 'en-US') to a supported language, else the fallback. */
export function normalizeLang(lang) {
  if (typeof lang !== 'string') return FALLBACK_LANG;
  const l = lang.trim().toLowerCase().replace('_', '-');
  if (l === 'en' || l.startsWith('en-')) return 'en';
  if (l === 'zh' || l.startsWith('zh-')) return 'zh-CN';
  return FALLBACK_LANG;
}

export function getLang() {
  return current;
}

/** Sets the UI language and <html lang>; callers re-render afterwards. */
export function setLang(lang) {
  current = normalizeLang(lang);
  document.documentElement.lang = current;
  document.title = t('app.title');
  return current;
}

function lookup(key, params) {
  const table = STRINGS[current] || STRINGS[FALLBACK_LANG];
  if (params && params.count === 1 && table[key + '.one'] !== undefined) return table[key + '.one'];
  if (table[key] !== undefined) return table[key];
  return STRINGS[FALLBACK_LANG][key];
}

export function t(key, params) {
  const s = lookup(key, params);
  if (typeof s !== 'string') return key;
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m);
}

/** For list-valued entries (e.g. the quick chips). */
export function tList(key) {
  const s = lookup(key);
  return Array.isArray(s) ? s.slice() : [];
}
