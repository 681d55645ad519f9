import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button } from 'antd';
import { useRef } from 'react';
import { contentKeys, mediaUrl, updateResource, uploadMedia, type Resource } from '../../api/content';
import { errorText } from '../../api/errorText';
import { Msg } from '../../i18n/Msg';
import { useI18n } from '../../i18n/useI18n';

/** The resource's cover image: a thumbnail, and (for editors) upload a new one. */
export function CoverPanel({ resource }: { resource: Resource }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const cover = useMutation({
    mutationFn: async (file: File) => {
      const media = await uploadMedia(resource.orgId, file);
      // The server takes only its own renditions (or the original) as a cover.
      return updateResource(resource.id, { coverUrl: mediaUrl(media, [640, 320]) });
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(contentKeys.one(resource.id), updated);
      void queryClient.invalidateQueries({ queryKey: contentKeys.all, refetchType: 'none' });
      void message.success(t('content.coverSaved'));
    },
    onError: (error) => void message.error(errorText(error, t)),
  });

  return (
    <section className="panel cover-panel" data-testid="cover-panel">
      <h2 className="panel-title">
        <Msg k="content.cover" />
      </h2>
      {resource.coverUrl ? (
        <img className="cover-panel__image" src={resource.coverUrl} alt={t('content.cover')} data-testid="cover-image" />
      ) : (
        <div className="cover-panel__empty muted">
          <Msg k="content.noCover" />
        </div>
      )}
      {resource.permissions.edit && (
        <>
          <input
            ref={input}
            type="file"
            hidden
            accept="image/png,image/jpeg,image/webp,image/gif"
            data-testid="cover-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) cover.mutate(file);
            }}
          />
          <Button onClick={() => input.current?.click()} loading={cover.isPending} data-testid="set-cover">
            <Msg k="content.setCover" />
          </Button>
        </>
      )}
    </section>
  );
}
