import { PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A new password typed twice: what it is, and whether it may be sent (long enough, both alike). */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const tooShort = password.length > 0 && password.length < 10;
  const differ = again.length > 0 && again !== password;
  return {
    password,
    ready: password.length >= 10 && again === password,
    reset: () => {
      setPassword('');
      setAgain('');
    },
    fields: { password, again, setPassword, setAgain, tooShort, differ },
  };
}

/** The two inputs of a new password, with the rule and a mismatch said as one types. */
export function NewPasswordFields({
  fields: f,
}: {
  fields: ReturnType<typeof useNewPassword>['fields'];
}) {
  const { t } = useTranslation();
  const toggle = { 'aria-label': t('auth.showPassword') };
  return (
    <Stack gap="sm">
      <PasswordInput
        visibilityToggleButtonProps={toggle}
        label={t('auth.newPassword')}
        description={t('auth.passwordRule')}
        autoComplete="new-password"
        required
        value={f.password}
        onChange={(e) => f.setPassword(e.currentTarget.value)}
        error={f.tooShort ? t('auth.passwordTooShort') : undefined}
      />
      <PasswordInput
        visibilityToggleButtonProps={toggle}
        label={t('auth.confirmPassword')}
        autoComplete="new-password"
        required
        value={f.again}
        onChange={(e) => f.setAgain(e.currentTarget.value)}
        error={f.differ ? t('auth.passwordsDiffer') : undefined}
      />
    </Stack>
  );
}
