import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './i18n/en.json';
import ko from './i18n/ko.json';

const KEY = 'mdx.lang';
const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(KEY) : null;

/** Korean first; English one click away (the choice is kept in this browser). */
void i18n.use(initReactI18next).init({
  resources: { ko: { translation: ko }, en: { translation: en } },
  lng: saved === 'en' ? 'en' : 'ko',
  fallbackLng: 'ko',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', (lng) => {
  localStorage.setItem(KEY, lng);
  document.documentElement.lang = lng;
});

export default i18n;
