import { PasswordInput, type PasswordInputProps, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A required password input whose show button is named for screen readers. */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
      required
      {...props}
    />
  );
}

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
  return (
    <Stack gap="sm">
      <PasswordField
        label={t('auth.newPassword')}
        description={t('auth.passwordRule')}
        autoComplete="new-password"
        value={f.password}
        onChange={(e) => f.setPassword(e.currentTarget.value)}
        error={f.tooShort ? t('auth.passwordTooShort') : undefined}
      />
      <PasswordField
        label={t('auth.confirmPassword')}
        autoComplete="new-password"
        value={f.again}
        onChange={(e) => f.setAgain(e.currentTarget.value)}
        error={f.differ ? t('auth.passwordsDiffer') : undefined}
      />
    </Stack>
  );
}
