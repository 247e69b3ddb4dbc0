import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBilingual } from '../../common/i18n';
import { api, ok } from '../../common/api';
import { ErrorAlert } from '../../common/errors';
import { type Program, termsOf } from '../programs/terms';
import type { Application } from './ApplicationPage';

/**
 * The evaluator's sheet beside the plan: points per criterion up to each one's maximum for a
 * scored call, or the pool's checklist with a comment per item. A conflict of interest is said
 * here, and the sheet is not offered.
 */
export function ScoreSheet({
  application,
  program,
}: {
  application: Application;
  program: Program;
}) {
  const { t } = useTranslation();
  const { text } = useBilingual();
  const queries = useQueryClient();
  const terms = termsOf(program);
  const mine = useQuery({
    queryKey: ['my-evaluations'],
    queryFn: () => ok(api.GET('/api/me/evaluations')),
  });
  const previous = application.evaluations[0];
  const [points, setPoints] = useState<Record<string, number | ''>>(() =>
    Object.fromEntries(
      terms.criteria.map((c) => [
        c.key,
        previous?.scores?.find((s) => s.criterion === c.key)?.points ?? '',
      ]),
    ),
  );
  const [answers, setAnswers] = useState(() =>
    Object.fromEntries(
      terms.checklist.map((c) => {
        const given = previous?.checklist?.find((x) => x.item === c.key);
        return [c.key, { passed: given?.passed ?? false, comment: given?.comment ?? '' }];
      }),
    ),
  );
  const [comment, setComment] = useState(previous?.comment ?? '');
  const [tried, setTried] = useState(false);
  const send = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/applications/{id}/evaluations', {
          params: { path: { id: application.id } },
          body:
            terms.selection === 'ABSOLUTE'
              ? {
                  checklist: terms.checklist.map((c) => ({
                    item: c.key,
                    ...answers[c.key],
                    comment: answers[c.key].comment.trim(),
                  })),
                  ...(comment.trim() && { comment: comment.trim() }),
                }
              : {
                  scores: terms.criteria.map((c) => ({
                    criterion: c.key,
                    points: Number(points[c.key]),
                  })),
                  ...(comment.trim() && { comment: comment.trim() }),
                },
        }),
      ),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['application', application.id] });
      void queries.invalidateQueries({ queryKey: ['my-evaluations'] });
    },
  });
  const conflict = mine.data?.items.find((i) => i.applicationId === application.id)?.conflict;
  if (conflict)
    return (
      <Alert color="orange" title={t('evaluations.conflict')} role="status">
        {text(conflict.message, conflict.messageKo)}
      </Alert>
    );
  const pointProblem = (key: string, weight: number) => {
    const v = points[key];
    if (v === '') return t('plan.required');
    if (!Number.isInteger(v) || v < 0 || v > weight)
      return t('evaluations.pointsRange', { max: weight });
    return undefined;
  };
  const problems =
    terms.selection === 'ABSOLUTE'
      ? terms.checklist.filter((c) => !answers[c.key].comment.trim()).length
      : terms.criteria.filter((c) => pointProblem(c.key, c.weight)).length;
  const total = terms.criteria.reduce((a, c) => a + (Number(points[c.key]) || 0), 0);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('evaluations.sheet')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (problems === 0) send.mutate();
        }}
      >
        <Stack>
          <Title order={2} size="h4">
            {t('evaluations.sheet')}
          </Title>
          {previous && (
            <Text size="sm" c="teal.9" role="status">
              {t('evaluations.submitted')}
            </Text>
          )}
          {terms.selection === 'ABSOLUTE'
            ? terms.checklist.map((c) => (
                <Stack key={c.key} gap={4}>
                  <Checkbox
                    label={c.name}
                    checked={answers[c.key].passed}
                    onChange={(e) =>
                      setAnswers({
                        ...answers,
                        [c.key]: { ...answers[c.key], passed: e.currentTarget.checked },
                      })
                    }
                  />
                  <TextInput
                    aria-label={t('evaluations.commentFor', { item: c.name })}
                    placeholder={t('evaluations.evidence')}
                    value={answers[c.key].comment}
                    onChange={(e) =>
                      setAnswers({
                        ...answers,
                        [c.key]: { ...answers[c.key], comment: e.currentTarget.value },
                      })
                    }
                    error={tried && !answers[c.key].comment.trim() ? t('plan.required') : undefined}
                  />
                </Stack>
              ))
            : terms.criteria.map((c) => (
                <NumberInput
                  key={c.key}
                  label={`${c.name} (${t('evaluations.max', { max: c.weight })})`}
                  min={0}
                  max={c.weight}
                  allowDecimal={false}
                  clampBehavior="none"
                  value={points[c.key]}
                  onChange={(v) =>
                    setPoints({ ...points, [c.key]: typeof v === 'number' ? v : '' })
                  }
                  error={tried ? pointProblem(c.key, c.weight) : undefined}
                  w={260}
                />
              ))}
          {terms.selection !== 'ABSOLUTE' && (
            <Text fw={600}>{t('evaluations.total', { total, pass: terms.passScore ?? 0 })}</Text>
          )}
          <Textarea
            label={t('evaluations.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <ErrorAlert error={send.error} />
          <Group>
            <Button type="submit" loading={send.isPending}>
              {previous ? t('evaluations.replace') : t('evaluations.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
