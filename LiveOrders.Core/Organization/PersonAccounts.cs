using System.Security.Cryptography;
using LiveOrders.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Organization;

/// <summary>
/// Creating a person with the account they sign in with, inside the caller's unit of work: the administration's
/// screens, the import and the directory all make people this way, and a failure anywhere leaves neither behind
/// (UserManager would save the account in a context of its own).
/// </summary>
public static class PersonAccounts
{
    private static readonly PasswordHasher<IdentityUser> Hasher = new();
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    public const int LoginMaxLength = 64;

    /// <summary>Logins are Latin letters, digits and «._-»: what a directory or a mail address would use.</summary>
    public static bool IsValidLogin(string login) =>
        login.Length is > 0 and <= LoginMaxLength && login.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    public static string NormalizeLogin(string login) => Normalizer.NormalizeName(login.Trim());

    public static Task<bool> LoginTakenAsync(LiveOrdersDbContext db, string login, CancellationToken ct = default)
    {
        var normalized = NormalizeLogin(login);
        return db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct);
    }

    /// <summary>
    /// Adds an account (and the employee linked to it) to <paramref name="db"/> without saving. A null password
    /// makes an account that signs in only through the organisation or the directory.
    /// </summary>
    public static Employee Add(LiveOrdersDbContext db, string login, string? password, Employee employee)
    {
        var user = new IdentityUser
        {
            UserName = login.Trim(),
            NormalizedUserName = NormalizeLogin(login),
            Email = employee.Email,
            NormalizedEmail = employee.Email is null ? null : Normalizer.NormalizeEmail(employee.Email),
            EmailConfirmed = employee.Email is not null,
            SecurityStamp = NewStamp(),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
        };
        if (password is not null) user.PasswordHash = Hasher.HashPassword(user, password);
        db.Users.Add(user);
        employee.UserId = user.Id;
        db.Employees.Add(employee);
        return employee;
    }

    /// <summary>The Identity user token that marks an account whose password an administrator handed out.</summary>
    public const string TokenProvider = "LiveOrders";
    public const string MustChangePasswordToken = "MustChangePassword";

    /// <summary>
    /// Marks the account so that its next sign-in must replace the password (a one-time password is known to whoever
    /// handed it over). Added to <paramref name="db"/> without saving, beside the change that set the password; an
    /// account already marked stays marked once.
    /// </summary>
    public static async Task RequirePasswordChangeAsync(LiveOrdersDbContext db, string userId, CancellationToken ct = default)
    {
        if (await db.UserTokens.FindAsync([userId, TokenProvider, MustChangePasswordToken], ct) is not null) return;
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = TokenProvider, Name = MustChangePasswordToken, Value = "1" });
    }

    /// <summary>A new security stamp ends every cookie issued before it (checked on each request and on open screens).</summary>
    public static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    /// <summary>
    /// A one-time password for an administrator to hand over: 14 characters with every class Identity's default
    /// rules ask for, without look-alikes (0/O, 1/l/I).
    /// </summary>
    public static string TemporaryPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789", symbols = "#%+=?!";
        var all = upper + lower + digits + symbols;
        var chars = new List<char>
        {
            upper[RandomNumberGenerator.GetInt32(upper.Length)],
            lower[RandomNumberGenerator.GetInt32(lower.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)],
            symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 14) chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).ToArray());
    }
}
