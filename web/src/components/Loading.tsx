import { Spin } from 'antd';
import { Msg } from '../i18n/Msg';

export function Loading() {
  return (
    <div className="state-block" role="status">
      <Spin size="small" /> <Msg k="common.loading" />
    </div>
  );
}
