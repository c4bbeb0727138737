using Microsoft.AspNetCore.Identity;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// Identity's messages in Russian: the password rules a person meets when changing their password, and the few
/// others that can reach a screen (a taken login or address, a stale save, a used code). Messages about roles and
/// external logins are left as they are: nothing in LiveOrders shows them.
/// </summary>
public sealed class RussianIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "Не удалось выполнить действие. Повторите ещё раз.");
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Учётную запись только что изменили. Откройте страницу заново и повторите.");
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Текущий пароль введён неверно.");
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Код недействителен или устарел.");
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "Резервный код не подошёл.");
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), $"Логин «{userName}» недопустим: только латинские буквы, цифры и «._-».");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), $"Логин «{userName}» уже занят.");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), $"Адрес «{email}» не похож на адрес электронной почты.");
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), $"Адрес «{email}» уже указан у другого сотрудника.");
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "У учётной записи уже есть пароль.");
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Для этой учётной записи блокировка не предусмотрена.");
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), $"Пароль должен быть не короче {length} знаков.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), $"В пароле должно быть не меньше {uniqueChars} разных знаков.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "В пароле должен быть хотя бы один знак, не буква и не цифра (например, «!» или «#»).");
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "В пароле должна быть хотя бы одна цифра.");
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "В пароле должна быть хотя бы одна строчная латинская буква.");
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "В пароле должна быть хотя бы одна заглавная латинская буква.");

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
