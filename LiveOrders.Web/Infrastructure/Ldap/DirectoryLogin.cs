using System.Security.Claims;
using LiveOrders.Core.Audit;
using LiveOrders.Core.Ldap;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace LiveOrders.Web.Infrastructure.Ldap;

/// <summary>
/// The sign-in form's way through the directory. Which names go there: when the directory is on, every name that has
/// no local password (unknown here, or made by the directory). A local account with a password is checked locally
/// only, so the administrator created on the first start keeps working while the directory is down, and a directory
/// entry that shares a local name can never take that account over.
/// </summary>
public static class DirectoryLogin
{
    /// <summary>How a directory sign-in is marked in the cookie, beside Identity's «pwd» and «mfa».</summary>
    public const string AuthenticationMethod = "ldap";

    public static bool Handles(HttpContext http, IdentityUser? user) =>
        http.RequestServices.GetRequiredService<DirectorySignIn>().Enabled && user?.PasswordHash is null;

    /// <summary>Signs in through the directory and returns where to send the browser (the same error codes as the local form).</summary>
    public static async Task<IResult> SignInAsync(HttpContext http, string userName, string password, string back)
    {
        var services = http.RequestServices;
        var signIn = services.GetRequiredService<SignInManager<IdentityUser>>();
        var journal = services.GetRequiredService<SignInJournal>();
        var result = await services.GetRequiredService<DirectorySignIn>().SignInAsync(userName, password, http.RequestAborted);
        switch (result.Outcome)
        {
            case DirectorySignInOutcome.Unavailable:
                await journal.FailedAsync(userName, null, SignInMethod.Directory, "каталог недоступен");
                return Results.LocalRedirect(AccountEndpoints.LoginUrl("directory", back, userName));
            case DirectorySignInOutcome.InvalidCredentials:
                // A local failure costs a password hash; so does this one, so that time does not tell the two apart.
                AccountEndpoints.VerifyDecoy(signIn.UserManager.PasswordHasher, password);
                await journal.FailedAsync(userName, null, SignInMethod.Directory, "неверное имя или пароль в каталоге");
                return Results.LocalRedirect(AccountEndpoints.LoginUrl("invalid", back, userName));
            case DirectorySignInOutcome.NoEmployee:
                await journal.FailedAsync(userName, null, SignInMethod.Directory, "в каталоге нет сотрудника для этого входа");
                return Results.LocalRedirect(AccountEndpoints.LoginUrl("noemployee", back, userName));
        }

        var user = result.UserId is null ? null : await signIn.UserManager.FindByIdAsync(result.UserId);
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            await journal.FailedAsync(userName, user?.Id, SignInMethod.Directory, "учётная запись временно заблокирована");
            return Results.LocalRedirect(AccountEndpoints.LoginUrl("invalid", back, userName));
        }
        if (await services.GetRequiredService<ActorDirectory>().FindByUserIdAsync(user.Id) is null)
        {
            await journal.FailedAsync(userName, user.Id, SignInMethod.Directory, "учётная запись не связана с действующим сотрудником");
            return Results.LocalRedirect(AccountEndpoints.LoginUrl("noemployee", back, userName));
        }

        if (user.TwoFactorEnabled)
        {
            // The same half-signed-in cookie Identity writes after a right password: /login/code finishes the sign-in.
            var pending = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
            pending.AddClaim(new Claim(ClaimTypes.Name, user.Id));
            await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
            return Results.LocalRedirect(TwoFactorEndpoints.CodeUrl(null, back));
        }
        await signIn.SignInWithClaimsAsync(user, isPersistent: true, [new Claim("amr", AuthenticationMethod)]);
        await journal.SignedInAsync(user.Id, SignInMethod.Directory);
        return Results.LocalRedirect(back);
    }
}
