using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;

namespace LiveOrders.Web.Api;

/// <summary>What the API for other systems needs: the API-key scheme, its rate limit and its OpenAPI document.</summary>
public static class ApiServices
{
    public static IServiceCollection AddLiveOrdersApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
        services.Configure<ApiRateLimitOptions>(configuration.GetSection("RateLimits:Api"));
        services.AddRateLimiter(o => o.AddPolicy<string, ApiRateLimit>(ApiRateLimit.Name));
        services.AddOpenApi(ApiDocument.Configure);
        return services;
    }

    /// <summary>
    /// The one rate limiter (the API's limits and the sign-in's per-address limit; a second instance would count every
    /// request twice). Between authentication and authorisation: the limiter partitions by who is calling (a key, a person), and a
    /// caller without valid credentials is limited by address before the 401, so guessing keys is slowed down too.
    /// Then a cookie-authenticated API write from a foreign origin is refused.
    /// </summary>
    public static IApplicationBuilder UseApiProtections(this IApplicationBuilder app) =>
        app.UseRateLimiter().UseSameOriginForCookieApiWrites();

    /// <summary>An API or hub request with no credentials at all: 401 with a Russian ProblemDetails, not a login page.</summary>
    public static Task WriteUnauthorizedAsync(HttpContext http) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Требуется вход",
            detail: "Войдите в LiveOrders или передайте ключ доступа в заголовке X-Api-Key (или токен в Authorization: Bearer).").ExecuteAsync(http);
}
