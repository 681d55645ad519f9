import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { I18nProvider } from '../i18n/I18nProvider';
import { useI18n } from '../i18n/useI18n';
import { antdCsp } from './cspNonce';
import { queryClient } from './queryClient';
import { router } from './router';

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ThemedApp />
      </I18nProvider>
    </QueryClientProvider>
  );
}

function ThemedApp() {
  const { lang } = useI18n();
  // antd has no Traditional Mongolian locale (its mn_MN is Cyrillic); readers of Traditional
  // Mongolian in Inner Mongolia read Chinese, so its few built-in strings fall back to Chinese.
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} csp={antdCsp}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}
