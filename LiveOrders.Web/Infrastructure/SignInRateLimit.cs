using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace LiveOrders.Web.Infrastructure;

/// <summary>How many sign-in attempts one remote address may make per window (configuration <c>RateLimits:SignIn</c>).</summary>
public sealed class SignInRateLimitOptions
{
    public int PermitLimit { get; set; } = 10;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Sign-in attempts per remote address, in front of Identity's per-account lockout. The lockout alone lets anyone lock
/// anyone out with five wrong passwords; with this limit one address gets <see cref="SignInRateLimitOptions.PermitLimit"/>
/// attempts per window, and an attempt refused here never reaches an account, so it counts against none: an outsider
/// locks at most PermitLimit / 5 accounts per window. The address is the connection's own. X-Forwarded-For is not
/// believed (anyone can send it); when a reverse proxy is put in front, it must be configured as a known proxy
/// (issue 11), or every person shares the proxy's address and its allowance.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("RateLimits:SignIn").Get<SignInRateLimitOptions>() ?? new SignInRateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitLimit, Window = options.Window, QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Window;
                var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
                string? returnUrl = null, userName = null;
                if (http.Request.HasFormContentType)
                {
                    var form = await http.Request.ReadFormAsync(ct);
                    (returnUrl, userName) = (form["returnUrl"], form["userName"]);
                }
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit))
                    .LogWarning("Sign-in attempts from {Address} refused for {Minutes} min: over {Limit} per {Window}",
                        http.Connection.RemoteIpAddress, minutes, options.PermitLimit, options.Window);
                // The sign-in page with its message, not a bare 429 page.
                http.Response.Redirect(AccountEndpoints.LoginUrl("ratelimited", AccountEndpoints.SafeReturnUrl(returnUrl), userName) + $"&wait={minutes}");
            };
        });
        return services;
    }
}
