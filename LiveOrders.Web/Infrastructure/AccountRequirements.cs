using System.Security.Claims;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// What a signed-in person must do before anything else, enforced on the server for every request of the session
/// (pages, the API, the hub, the circuit), not by a redirect in the UI: replace a one-time password an administrator
/// handed out (<see cref="PersonAccounts.RequirePasswordChangeAsync"/>), and, under <c>Security:RequireTwoFactorForAdmins</c>,
/// turn the second factor on as an administrator. Both are done on <see cref="TwoFactorEndpoints.SettingsPath"/>: pages
/// are sent there, everything else answers 403. One middleware and one query for both, so the list of what stays
/// open while a requirement is pending exists once.
/// </summary>
public static class AccountRequirements
{
    private enum Pending { None, PasswordChange, TwoFactorSetup }

    public static IApplicationBuilder UseAccountRequirements(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var pending = !AppliesTo(context.User) || IsAllowed(context.Request) ? Pending.None : await PendingAsync(context);
        if (pending == Pending.None)
        {
            await next();
            return;
        }
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor") || !HttpMethods.IsGet(context.Request.Method))
        {
            var (title, detail) = pending == Pending.PasswordChange
                ? ("Нужно сменить пароль", "Пароль выдан администратором: смените его (Настройки → Безопасность входа), прежде чем работать дальше.")
                : ("Нужен вход с кодом", "Администратору нужно включить вход с кодом из приложения (Настройки → Безопасность), прежде чем работать дальше.");
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title, detail: detail).ExecuteAsync(context);
            return;
        }
        context.Response.Redirect(TwoFactorEndpoints.SettingsPath);
    });

    /// <summary>
    /// People signed in with the Identity cookie by password or through the directory. A session from an organisation's
    /// identity provider (marked with the provider's name, as Identity marks external sign-ins) is left to that
    /// provider's own password and factors; API keys and tokens are systems, not people.
    /// </summary>
    private static bool AppliesTo(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme
        && !user.HasClaim(c => c.Type == ClaimTypes.AuthenticationMethod);

    /// <summary>What meeting a requirement needs: its page and endpoints, signing in and out, error pages and static files.</summary>
    private static bool IsAllowed(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments(TwoFactorEndpoints.SettingsPath) || path.StartsWithSegments("/account") || path.StartsWithSegments("/login")
            || path.StartsWithSegments("/logout") || path.StartsWithSegments("/error") || path.StartsWithSegments("/status")
            || path.StartsWithSegments("/health") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content"))
            return !path.StartsWithSegments("/account") || path.StartsWithSegments("/account/login") || path.StartsWithSegments("/account/logout")
                || path.StartsWithSegments("/account/2fa") || path.StartsWithSegments(PasswordEndpoints.ChangePath);
        // Style sheets, scripts and icons of the pages above (pages themselves have no extension).
        return HttpMethods.IsGet(request.Method) && Path.HasExtension(path.Value)
            && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/hubs") && !path.StartsWithSegments("/_blazor");
    }

    /// <summary>The password first: a second factor set up on an account whose password others know protects little.</summary>
    private static async Task<Pending> PendingAsync(HttpContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return Pending.None;
        var factorRequired = context.RequestServices.GetRequiredService<IOptionsMonitor<TwoFactorOptions>>().CurrentValue.RequireTwoFactorForAdmins;
        await using var db = await context.RequestServices.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync(context.RequestAborted);
        var state = await db.Users.Where(u => u.Id == userId)
            .Select(u => new
            {
                // Only an account with a password of its own can change it; any other is never held here.
                MustChangePassword = u.PasswordHash != null && db.UserTokens.Any(t =>
                    t.UserId == u.Id && t.LoginProvider == PersonAccounts.TokenProvider && t.Name == PersonAccounts.MustChangePasswordToken),
                NeedsFactor = factorRequired && !u.TwoFactorEnabled
                    && db.Employees.Any(e => e.UserId == u.Id && e.IsActive && e.Role == Role.Administrator),
            })
            .FirstOrDefaultAsync(context.RequestAborted);
        return state switch
        {
            { MustChangePassword: true } => Pending.PasswordChange,
            { NeedsFactor: true } => Pending.TwoFactorSetup,
            _ => Pending.None,
        };
    }

    /// <summary>Whether the account still has to replace a password an administrator handed out.</summary>
    public static async Task<bool> MustChangePasswordAsync(UserManager<IdentityUser> users, IdentityUser user) =>
        await users.HasPasswordAsync(user)
        && await users.GetAuthenticationTokenAsync(user, PersonAccounts.TokenProvider, PersonAccounts.MustChangePasswordToken) is not null;
}
