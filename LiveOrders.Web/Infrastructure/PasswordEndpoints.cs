using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// A person's change of their own password, from <see cref="TwoFactorEndpoints.SettingsPath"/>: a plain form post with
/// antiforgery, because the change gives the account a new security stamp (every other copy of the cookie and every
/// other open screen ends) and this browser's cookie is renewed on the response.
/// </summary>
public static class PasswordEndpoints
{
    public const string ChangePath = "/account/password";

    /// <summary>The password rules the page may name after a refused change; any other code in the address is ignored.</summary>
    private static readonly string[] RuleCodes =
    [
        nameof(IdentityErrorDescriber.PasswordTooShort), nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars),
        nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric), nameof(IdentityErrorDescriber.PasswordRequiresDigit),
        nameof(IdentityErrorDescriber.PasswordRequiresLower), nameof(IdentityErrorDescriber.PasswordRequiresUpper),
    ];

    public static void MapPasswordEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(ChangePath, async ([FromForm] string? currentPassword, [FromForm] string? newPassword, [FromForm] string? repeatPassword,
            SignInManager<IdentityUser> signIn, ActorDirectory directory, LiveOrdersDbContext db, TimeProvider time, IAntiforgery antiforgery, HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Back("error=forged");
            var users = signIn.UserManager;
            var user = await users.GetUserAsync(http.User);
            if (user is null) return Results.LocalRedirect("/login");
            if (!await users.HasPasswordAsync(user)) return Back("error=nopassword");
            if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword) || string.IsNullOrEmpty(repeatPassword))
                return Back("error=password-empty");
            if (newPassword != repeatPassword) return Back("error=password-repeat");
            if (newPassword == currentPassword) return Back("error=password-same");

            // The user store saves through this request's context: the password, the removed mark and the log entry
            // commit together or not at all.
            await using var tx = await db.Database.BeginTransactionAsync(http.RequestAborted);
            var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
            if (!changed.Succeeded)
            {
                if (changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))) return Back("error=password-current");
                var rules = changed.Errors.Select(e => e.Code).Where(RuleCodes.Contains).ToList();
                return Back(rules.Count == 0 ? "error=failed" : $"error=password-weak&rules={string.Join(',', rules)}");
            }
            if (await users.GetAuthenticationTokenAsync(user, PersonAccounts.TokenProvider, PersonAccounts.MustChangePasswordToken) is not null)
                await users.RemoveAuthenticationTokenAsync(user, PersonAccounts.TokenProvider, PersonAccounts.MustChangePasswordToken);
            var actor = await directory.FindByUserIdAsync(user.Id);
            db.AuditEntries.Add(AuditEntry.Create(time.GetUtcNow().UtcDateTime, actor?.EmployeeId, actor?.FullName ?? user.UserName ?? "",
                "person.password-changed", "Employee", actor?.EmployeeId.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? user.Id,
                $"Сменил(а) свой пароль: {actor?.FullName ?? user.UserName}", ["Пароль: заменён", "Другие сеансы: завершены"]));
            await db.SaveChangesAsync(http.RequestAborted);
            await tx.CommitAsync(http.RequestAborted);

            // Other open screens of the person end now on this node (at their next check on others); this one is renewed.
            if (actor is not null) directory.Invalidate(actor.EmployeeId);
            await signIn.RefreshSignInAsync(user);
            return Back("done=password");
        }).RequireAuthorization().DisableAntiforgery();
    }

    private static IResult Back(string query) => Results.LocalRedirect($"{TwoFactorEndpoints.SettingsPath}?{query}");

    /// <summary>The rules a refused new password broke, in Russian, from the codes the change put in the address.</summary>
    public static IReadOnlyList<string> DescribeRules(string? codes, IdentityErrorDescriber describer, PasswordOptions options) =>
        (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()
            .Select(code => code switch
            {
                nameof(IdentityErrorDescriber.PasswordTooShort) => describer.PasswordTooShort(options.RequiredLength),
                nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => describer.PasswordRequiresUniqueChars(options.RequiredUniqueChars),
                nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => describer.PasswordRequiresNonAlphanumeric(),
                nameof(IdentityErrorDescriber.PasswordRequiresDigit) => describer.PasswordRequiresDigit(),
                nameof(IdentityErrorDescriber.PasswordRequiresLower) => describer.PasswordRequiresLower(),
                nameof(IdentityErrorDescriber.PasswordRequiresUpper) => describer.PasswordRequiresUpper(),
                _ => null,
            })
            .OfType<IdentityError>().Select(e => e.Description).ToList();
}
