using LiveOrders.Core.Audit;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// The second factor: the code step of sign-in (<c>/login/code</c>) and turning the authenticator on and off
/// (<c>/settings/security</c>). Plain form posts with antiforgery, like the sign-in form, because each of them rewrites
/// the sign-in cookie (changing the factor changes the account's security stamp, checked on every request).
/// </summary>
public static class TwoFactorEndpoints
{
    public const string SettingsPath = "/settings/security";
    public const int RecoveryCodeCount = 10;
    private const string RecoveryCookie = "lo.recovery";
    private const string RecoveryPurpose = "LiveOrders.RecoveryCodes";

    public static void MapTwoFactorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login/code", async ([FromForm] string? code, [FromForm] string? returnUrl,
            SignInManager<IdentityUser> signIn, ActorDirectory directory, IAntiforgery antiforgery, SignInJournal journal, HttpContext http) =>
        {
            var back = AccountEndpoints.SafeReturnUrl(returnUrl);
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.LocalRedirect(CodeUrl("forged", back));
            // Only the half-signed-in cookie of a right password leads here; without it (expired, or never) start again.
            var user = await signIn.GetTwoFactorAuthenticationUserAsync();
            if (user is null) return Results.LocalRedirect(AccountEndpoints.LoginUrl("expired", back, null));
            var typed = (code ?? "").Trim();
            if (typed.Length == 0) return Results.LocalRedirect(CodeUrl("empty", back));

            var authenticator = typed.Replace(" ", "").Replace("-", "");
            Microsoft.AspNetCore.Identity.SignInResult result;
            if (authenticator.Length == 6 && authenticator.All(char.IsAsciiDigit))
                result = await signIn.TwoFactorAuthenticatorSignInAsync(authenticator, isPersistent: true, rememberClient: false);
            else if (await signIn.UserManager.IsLockedOutAsync(user))
                result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
            else
            {
                result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCodeAsStored(typed));
                // Identity does not count wrong recovery codes; they count here like wrong authenticator codes.
                if (!result.Succeeded) await signIn.UserManager.AccessFailedAsync(user);
            }
            // A locked account gets the same answer as a wrong code.
            if (!result.Succeeded)
            {
                await journal.FailedAsync(user.UserName, user.Id, SignInMethod.PasswordAndCode,
                    result.IsLockedOut ? "учётная запись временно заблокирована" : "неверный код");
                return Results.LocalRedirect(CodeUrl("invalid", back));
            }

            if (await directory.FindByUserIdAsync(user.Id) is null)
            {
                await signIn.SignOutAsync();
                await journal.FailedAsync(user.UserName, user.Id, SignInMethod.PasswordAndCode, "учётная запись не связана с действующим сотрудником");
                return Results.LocalRedirect(AccountEndpoints.LoginUrl("noemployee", back, null));
            }
            await journal.SignedInAsync(user.Id, SignInMethod.PasswordAndCode);
            return Results.LocalRedirect(back);
        }).DisableAntiforgery();

        var settings = app.MapGroup("/account/2fa").RequireAuthorization().DisableAntiforgery();

        settings.MapPost("/enable", ([FromForm] string? code, HttpContext http) => ChangeAsync(http, code, async (users, user) =>
        {
            if (await users.GetTwoFactorEnabledAsync(user)) return "already";
            await users.SetTwoFactorEnabledAsync(user, true);
            return await IssueRecoveryCodesAsync(http, users, user) ? "enabled" : null;
        }));

        settings.MapPost("/recovery-codes", ([FromForm] string? code, HttpContext http) => ChangeAsync(http, code, async (users, user) =>
            await users.GetTwoFactorEnabledAsync(user) && await IssueRecoveryCodesAsync(http, users, user) ? "codes" : null));

        settings.MapPost("/disable", ([FromForm] string? code, HttpContext http) => ChangeAsync(http, code, async (users, user) =>
        {
            if (await RequiredForAsync(http, user)) return "required";
            await users.SetTwoFactorEnabledAsync(user, false);
            // A new key next time: whoever saw this one (or its QR code) cannot use it again.
            await users.ResetAuthenticatorKeyAsync(user);
            return "disabled";
        }));
    }

    /// <summary>
    /// Checks the form and a current authenticator code (or, for a person who has the factor on, a recovery code),
    /// makes the change, renews the sign-in cookie (the change gave the account a new security stamp), and goes back.
    /// </summary>
    private static async Task<IResult> ChangeAsync(HttpContext http, string? code, Func<UserManager<IdentityUser>, IdentityUser, Task<string?>> change)
    {
        if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            return Results.LocalRedirect($"{SettingsPath}?error=forged");
        var signIn = http.RequestServices.GetRequiredService<SignInManager<IdentityUser>>();
        var users = signIn.UserManager;
        var user = await users.GetUserAsync(http.User);
        if (user is null) return Results.LocalRedirect("/login");
        if (await users.IsLockedOutAsync(user)) return Results.LocalRedirect($"{SettingsPath}?error=code");

        var typed = (code ?? "").Trim();
        var valid = typed.Length > 0 && (await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, typed)
            || (await users.GetTwoFactorEnabledAsync(user) && (await users.RedeemTwoFactorRecoveryCodeAsync(user, RecoveryCodeAsStored(typed))).Succeeded));
        if (!valid)
        {
            // Counted toward the lockout, like wrong codes at sign-in: a stolen session cannot guess its way to a change.
            await users.AccessFailedAsync(user);
            return Results.LocalRedirect($"{SettingsPath}?error=code");
        }
        await users.ResetAccessFailedCountAsync(user);
        // The user store saves through this request's context: the change and its log entry commit together or not at all.
        var db = http.RequestServices.GetRequiredService<LiveOrdersDbContext>();
        string? done;
        await using (var tx = await db.Database.BeginTransactionAsync(http.RequestAborted))
        {
            done = await change(users, user);
            if (done is null) return Results.LocalRedirect($"{SettingsPath}?error=failed");
            if (Logged(done) is { } logged)
            {
                var actor = await http.RequestServices.GetRequiredService<ActorDirectory>().FindByUserIdAsync(user.Id);
                var name = actor?.FullName ?? user.UserName ?? "";
                db.AuditEntries.Add(AuditEntry.Create(http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
                    actor?.EmployeeId, name, logged.Action, "Employee",
                    actor?.EmployeeId.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? user.Id,
                    $"{logged.Summary}: {name}", logged.Changes));
                await db.SaveChangesAsync(http.RequestAborted);
            }
            await tx.CommitAsync(http.RequestAborted);
        }
        await signIn.RefreshSignInAsync(user);
        return Results.LocalRedirect($"{SettingsPath}?done={done}");
    }

    /// <summary>
    /// The log entry of a change to one's own sign-in, like a changed password: the account's security is shared business
    /// (an administrator looks for when a factor was turned off), unlike a person's own display preferences.
    /// </summary>
    private static (string Action, string Summary, string[] Changes)? Logged(string done) => done switch
    {
        "enabled" => ("person.2fa-enabled", "Включил(а) вход с кодом из приложения",
            ["Вход с кодом: выключен → включён", $"Резервные коды: выпущены ({RecoveryCodeCount})"]),
        "disabled" => ("person.2fa-disabled", "Отключил(а) вход с кодом из приложения",
            ["Вход с кодом: включён → выключен", "Ключ приложения: заменён"]),
        "codes" => ("person.recovery-codes", "Выпустил(а) новые резервные коды", [$"Резервные коды: заменены ({RecoveryCodeCount})"]),
        _ => null,
    };

    private static async Task<bool> IssueRecoveryCodesAsync(HttpContext http, UserManager<IdentityUser> users, IdentityUser user)
    {
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        if (codes is null) return false;
        // Shown once, on the next page: carried there encrypted, for this person, for five minutes, then forgotten.
        var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(RecoveryPurpose).ToTimeLimitedDataProtector();
        http.Response.Cookies.Append(RecoveryCookie, protector.Protect($"{user.Id}\n{string.Join(' ', codes)}", TimeSpan.FromMinutes(5)),
            new CookieOptions { HttpOnly = true, Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, Path = SettingsPath, MaxAge = TimeSpan.FromMinutes(5) });
        return true;
    }

    /// <summary>The recovery codes issued a moment ago to <paramref name="userId"/>, once: reading them removes them.</summary>
    public static IReadOnlyList<string> TakeRecoveryCodes(HttpContext http, string userId)
    {
        if (!http.Request.Cookies.TryGetValue(RecoveryCookie, out var cookie)) return [];
        http.Response.Cookies.Delete(RecoveryCookie, new CookieOptions { Path = SettingsPath });
        try
        {
            var text = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(RecoveryPurpose)
                .ToTimeLimitedDataProtector().Unprotect(cookie);
            var lines = text.Split('\n');
            return lines.Length == 2 && lines[0] == userId ? lines[1].Split(' ') : [];
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return [];
        }
    }

    /// <summary>Whether <c>Security:RequireTwoFactorForAdmins</c> holds this person to the factor (then it cannot be turned off).</summary>
    public static async Task<bool> RequiredForAsync(HttpContext http, IdentityUser user)
    {
        if (!http.RequestServices.GetRequiredService<IOptionsMonitor<TwoFactorOptions>>().CurrentValue.RequireTwoFactorForAdmins) return false;
        var actor = await http.RequestServices.GetRequiredService<ActorDirectory>().FindByUserIdAsync(user.Id);
        return actor?.Role == Role.Administrator;
    }

    /// <summary>Identity stores recovery codes as «XXXXX-XXXXX»; people type them in any case, with or without the dash.</summary>
    internal static string RecoveryCodeAsStored(string typed)
    {
        var code = new string(typed.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return code.Length == 10 && !code.Contains('-') ? $"{code[..5]}-{code[5..]}" : code;
    }

    public static string CodeUrl(string? error, string returnUrl) =>
        $"/login/code?returnUrl={Uri.EscapeDataString(returnUrl)}" + (error is null ? "" : $"&error={error}");
}
