/** Text made safe inside HTML (mail bodies, the mail catcher's pages). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
