// Usernames as the server accepts them: 3–32 ASCII letters, digits, "_", "." or "-".

export const USERNAME_RULE_TEXT = '用户名为3至32位字母、数字、下划线、点或短横线'

export function isValidUsername(u: string): boolean {
  return /^[A-Za-z0-9_.-]{3,32}$/.test(u)
}
