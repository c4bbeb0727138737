using System.Security.Claims;
using System.Text.Encodings.Web;
using LiveOrders.Core.Integrations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// Another system's API key (<see cref="AuthSchemes.ApiKey"/>): from <c>X-Api-Key</c>, <c>Authorization: Bearer lo_…</c>,
/// or — on the hub only, where a browser's WebSocket cannot send headers — <c>access_token</c>. Never from the API's query
/// string: a key there ends up in proxy logs and browser history. Produces the <see cref="IntegrationClaims"/>.
/// A refusal is a Russian ProblemDetails with no data.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, ApiKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null) return AuthenticateResult.NoResult();
        if (await keys.AuthenticateAsync(presented, Context.RequestAborted) is not { } key)
            return AuthenticateResult.Fail("Ключ доступа неизвестен, отозван или повреждён.");

        var claims = new List<Claim>
        {
            new(IntegrationClaims.EmployeeId, key.EmployeeId.ToString()),
            new(IntegrationClaims.Access, key.CanWrite ? "write" : "read"),
            new(IntegrationClaims.Client, $"apikey:{key.KeyId}"),
            new(ClaimTypes.Name, key.Name),
        };
        claims.AddRange(key.DepartmentIds.Select(d => new Claim(IntegrationClaims.Department, d.ToString())));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    internal static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(AuthSchemes.ApiKeyHeader, out var header)) return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        return request.Path.StartsWithSegments("/hubs") && request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Требуется ключ доступа",
            "Ключ доступа не передан, неизвестен, отозван или повреждён. Передайте действующий ключ в заголовке X-Api-Key.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Нет доступа", "Ключу доступа это действие не разрешено.");

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = "ApiKey";
        await Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(Context);
    }
}
