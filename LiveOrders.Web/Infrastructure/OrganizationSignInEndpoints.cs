using LiveOrders.Core.Audit;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// Organisation sign-in: off to the provider, and back. The provider's answer is only a claim about who the person is;
/// the app's own cookie is issued here, for an existing active employee, and nobody is ever created on the way.
/// </summary>
public static class OrganizationSignInEndpoints
{
    public const string StartPath = "/account/organization";
    private const string CompletePath = "/account/organization/complete";

    public static void MapOrganizationSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(StartPath, (string? returnUrl, IOptions<OrganizationSignInOptions> options) =>
        {
            if (!options.Value.Enabled) return Results.NotFound();
            var back = AccountEndpoints.SafeReturnUrl(returnUrl);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = $"{CompletePath}?returnUrl={Uri.EscapeDataString(back)}" },
                [OrganizationSignIn.Scheme]);
        }).AllowAnonymous();

        app.MapGet(CompletePath, async (string? returnUrl, HttpContext http, IOptions<OrganizationSignInOptions> options,
            OrganizationLinks links, SignInManager<IdentityUser> signIn, SignInJournal journal, ILoggerFactory loggers) =>
        {
            if (!options.Value.Enabled) return Results.NotFound();
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            // The external cookie lives for this one step only, whatever happens next.
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            if (!external.Succeeded || external.Principal is null)
            {
                await journal.FailedAsync(null, null, SignInMethod.Organization, "поставщик входа не подтвердил вход");
                return Results.LocalRedirect("/login?error=organization");
            }

            var subject = OrganizationSignIn.SubjectOf(external.Principal);
            var claimValue = OrganizationSignIn.MatchValueOf(external.Principal, options.Value);
            var (match, userId) = await links.ResolveAsync(subject, claimValue, http.RequestAborted);
            var user = userId is null ? null : await signIn.UserManager.FindByIdAsync(userId);
            if (match != OrganizationMatch.Found || user is null)
            {
                loggers.CreateLogger(typeof(OrganizationSignInEndpoints)).LogWarning(
                    "Organisation sign-in refused ({Match}) for subject {Subject}, {Claim} {Value}", match, subject, options.Value.MatchClaim, claimValue);
                await journal.FailedAsync(claimValue ?? subject, user?.Id, SignInMethod.Organization,
                    match switch
                    {
                        OrganizationMatch.Inactive => "сотрудник отключён",
                        OrganizationMatch.Ambiguous => "подходят несколько сотрудников",
                        OrganizationMatch.Found or OrganizationMatch.NoAccount => "у сотрудника нет учётной записи",
                        _ => "сотрудник не найден",
                    });
                return Results.LocalRedirect($"/login/refused?reason={(match == OrganizationMatch.Found ? OrganizationMatch.NoAccount : match).ToString().ToLowerInvariant()}");
            }
            // The app's own cookie, with the security stamp: sign-out, a deactivation or a password change end it as any other.
            // Lockout is not checked: it guards the password, which this way in does not use (and anyone can trigger it).
            await signIn.SignInAsync(user, isPersistent: true, authenticationMethod: OrganizationSignIn.Scheme);
            await journal.SignedInAsync(user.Id, SignInMethod.Organization);
            return Results.LocalRedirect(AccountEndpoints.SafeReturnUrl(returnUrl));
        }).AllowAnonymous();
    }
}
