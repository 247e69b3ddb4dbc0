import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { setMoneyLanguage } from './format';
import ko from './i18n/ko.json';

export type Language = 'ko' | 'en';
/**
 * The browser keeps the choice under this name, in localStorage and as a cookie: the server draws
 * the catalog in the language the cookie names (src/platform/http/web-app.ts reads it).
 */
export const LANGUAGE_COOKIE = 'mdx.lang';
const KEY = LANGUAGE_COOKIE;
const browser = typeof document !== 'undefined';
const saved = browser ? localStorage.getItem(KEY) : null;

/** Korean is in the first bundle; English is its own chunk, fetched when someone asks for it. */
const LOADERS: Record<Exclude<Language, 'ko'>, () => Promise<{ default: object }>> = {
  en: () => import('./i18n/en.json'),
};

/** Korean first; English one click away (the choice is kept in this browser). */
void i18n.use(initReactI18next).init({
  resources: { ko: { translation: ko } },
  lng: 'ko',
  fallbackLng: 'ko',
  interpolation: { escapeValue: false },
});
if (browser) document.documentElement.lang = 'ko';

/** Switches the app's language, fetching its translations the first time. */
export async function switchLanguage(lng: Language) {
  if (lng !== 'ko' && !i18n.hasResourceBundle(lng, 'translation'))
    i18n.addResourceBundle(lng, 'translation', (await LOADERS[lng]()).default);
  setMoneyLanguage(lng);
  await i18n.changeLanguage(lng);
  localStorage.setItem(KEY, lng);
  document.cookie = `${LANGUAGE_COOKIE}=${lng}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lng;
}

/** Settles when the language this browser chose last is ready (Korean: at once). */
export const ready: Promise<unknown> = saved === 'en' ? switchLanguage('en') : Promise.resolve();

/**
 * The page's language for text the API sends in both (`message` and `messageKo`, `name` and
 * `nameKo`): `text` picks the Korean on a Korean page, the English otherwise or when there is no
 * Korean; `ko` says whether the page is in Korean.
 */
export function useBilingual() {
  const { i18n: current } = useTranslation();
  const ko = current.language.startsWith('ko');
  return { ko, text: (en: string, inKorean?: string | null) => (ko && inKorean ? inKorean : en) };
}

export default i18n;
