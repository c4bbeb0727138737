using System.Security.Claims;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// <c>Security:RequireTwoFactorForAdmins</c>, enforced on the server for every request of the session (pages, the API,
/// the hub, the circuit), not by a redirect in the UI: until an administrator has turned the second factor on, pages
/// send them to <see cref="TwoFactorEndpoints.SettingsPath"/> and everything else answers 403.
/// </summary>
public static class TwoFactorRequirement
{
    public static IApplicationBuilder UseTwoFactorRequirement(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var required = context.RequestServices.GetRequiredService<IOptionsMonitor<TwoFactorOptions>>().CurrentValue.RequireTwoFactorForAdmins;
        if (!required || !AppliesTo(context.User) || IsAllowed(context.Request) || !await NeedsSetupAsync(context))
        {
            await next();
            return;
        }
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor") || !HttpMethods.IsGet(context.Request.Method))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Нужен вход с кодом",
                detail: "Администратору нужно включить вход с кодом из приложения (Настройки → Безопасность), прежде чем работать дальше.")
                .ExecuteAsync(context);
            return;
        }
        context.Response.Redirect(TwoFactorEndpoints.SettingsPath);
    });

    /// <summary>
    /// People signed in with the Identity cookie by password or through the directory. A session from an organisation's
    /// identity provider (marked with the provider's name, as Identity marks external sign-ins) is left to that
    /// provider's own factors; API keys and tokens are systems, not people.
    /// </summary>
    private static bool AppliesTo(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme
        && !user.HasClaim(c => c.Type == ClaimTypes.AuthenticationMethod);

    /// <summary>What setting the factor up needs: its page and endpoints, signing in and out, error pages and static files.</summary>
    private static bool IsAllowed(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments(TwoFactorEndpoints.SettingsPath) || path.StartsWithSegments("/account") || path.StartsWithSegments("/login")
            || path.StartsWithSegments("/logout") || path.StartsWithSegments("/error") || path.StartsWithSegments("/status")
            || path.StartsWithSegments("/health") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content"))
            return !path.StartsWithSegments("/account") || path.StartsWithSegments("/account/login") || path.StartsWithSegments("/account/logout")
                || path.StartsWithSegments("/account/2fa");
        // Style sheets, scripts and icons of the pages above (pages themselves have no extension).
        return HttpMethods.IsGet(request.Method) && Path.HasExtension(path.Value)
            && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/hubs") && !path.StartsWithSegments("/_blazor");
    }

    private static async Task<bool> NeedsSetupAsync(HttpContext context)
    {
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return false;
        await using var db = await context.RequestServices.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>().CreateDbContextAsync(context.RequestAborted);
        return await db.Employees
            .Where(e => e.UserId == userId && e.IsActive && e.Role == Role.Administrator)
            .Join(db.Users, e => e.UserId, u => u.Id, (e, u) => u)
            .AnyAsync(u => !u.TwoFactorEnabled, context.RequestAborted);
    }
}
