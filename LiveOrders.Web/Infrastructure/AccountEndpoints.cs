using LiveOrders.Core.Audit;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LiveOrders.Web.Infrastructure;

/// <summary>Sign-in and sign-out: plain form posts (with antiforgery) so that the auth cookie is set on a real HTTP response.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async (
            [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            SignInManager<IdentityUser> signIn, ActorDirectory directory, IAntiforgery antiforgery, SignInJournal journal, HttpContext http) =>
        {
            var back = SafeReturnUrl(returnUrl);
            // Checked here rather than by the middleware, so a stale or forged form gets the sign-in page with a message, not an error page.
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.LocalRedirect(LoginUrl("forged", back, null));
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
                return Results.LocalRedirect(LoginUrl("empty", back, userName));

            var account = await signIn.UserManager.FindByNameAsync(userName.Trim());
            if (Ldap.DirectoryLogin.Handles(http, account)) return await Ldap.DirectoryLogin.SignInAsync(http, userName, password, back);
            // An unknown name costs a password hash too, so the answer's time does not tell whether the name exists,
            // and a locked account gets the same message as a wrong password.
            if (account is null)
            {
                VerifyDecoy(signIn.UserManager.PasswordHasher, password);
                await journal.FailedAsync(userName, null, SignInMethod.Password, "нет такой учётной записи");
                return Results.LocalRedirect(LoginUrl("invalid", back, userName));
            }
            var result = await signIn.PasswordSignInAsync(userName.Trim(), password, isPersistent: true, lockoutOnFailure: true);
            if (result.RequiresTwoFactor) return Results.LocalRedirect(TwoFactorEndpoints.CodeUrl(null, back));
            if (!result.Succeeded)
            {
                await journal.FailedAsync(userName, account.Id, SignInMethod.Password,
                    result.IsLockedOut ? "учётная запись временно заблокирована" : result.IsNotAllowed ? "вход не разрешён" : "неверный пароль");
                return Results.LocalRedirect(LoginUrl("invalid", back, userName));
            }

            var user = await signIn.UserManager.FindByNameAsync(userName.Trim());
            if (user is null || await directory.FindByUserIdAsync(user.Id) is null)
            {
                await signIn.SignOutAsync();
                await journal.FailedAsync(userName, user?.Id, SignInMethod.Password, "учётная запись не связана с действующим сотрудником");
                return Results.LocalRedirect(LoginUrl("noemployee", back, userName));
            }
            await journal.SignedInAsync(user.Id, SignInMethod.Password);
            return Results.LocalRedirect(back);
        }).DisableAntiforgery().RequireRateLimiting(SignInRateLimit.Policy);

        app.MapPost("/account/logout", async (SignInManager<IdentityUser> signIn, ActorDirectory directory, IAntiforgery antiforgery, SignInJournal journal,
            HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http)) return Results.LocalRedirect("/");
            // A new security stamp: a copy of this cookie (another tab, another machine, a thief) stops working too,
            // and the person's open screens on this node stop at once (on other nodes at their next check).
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
                await journal.SignedOutAsync(user.Id);
                if (await directory.FindByUserIdAsync(user.Id) is { } actor) directory.Invalidate(actor.EmployeeId);
            }
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).RequireAuthorization().DisableAntiforgery();
    }

    private static readonly IdentityUser DecoyUser = new("decoy");
    private static string? _decoyHash;

    /// <summary>Costs what checking a real password costs, and tells nothing.</summary>
    internal static void VerifyDecoy(IPasswordHasher<IdentityUser> hasher, string password) =>
        hasher.VerifyHashedPassword(DecoyUser, DecoyHash(hasher), password);

    /// <summary>A hash of a random password, made once with the app's own hasher (same algorithm, same cost).</summary>
    private static string DecoyHash(IPasswordHasher<IdentityUser> hasher) =>
        _decoyHash ??= hasher.HashPassword(DecoyUser, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18)));

    /// <summary>
    /// A path on this site, or «/». Control characters, white space of any script and back slashes are refused
    /// outright: browsers strip or fold them, so «/\t/x» or «/\u3000/x» can turn into another host, and
    /// LocalRedirect throws on them (a 500 with the right password).
    /// </summary>
    internal static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 2048 && url[0] == '/' && !url.StartsWith("//")
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSeparator(c) || char.IsSurrogate(c) || c == '\\')
        && Uri.TryCreate(url, UriKind.Relative, out _)
            ? url : "/";

    internal static string LoginUrl(string error, string returnUrl, string? userName) =>
        $"/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}&userName={Uri.EscapeDataString(userName ?? "")}";
}
