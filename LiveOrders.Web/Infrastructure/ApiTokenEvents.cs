using System.Security.Claims;
using System.Text.Encodings.Web;
using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// What a validated client-credentials token means here: the token proves which client calls; our own list
/// (<c>ApiTokens:Clients</c>) says which employee it acts as and how far it reaches. Nothing else of the token is kept,
/// so no claim in it (a <c>sub</c> equal to some account's id, a role) can make it anyone else.
/// </summary>
public static class ApiTokenEvents
{
    private const string UnmappedClient = "lo:unmapped-client";

    public static void Attach(JwtBearerEvents events)
    {
        var received = events.OnMessageReceived;
        events.OnMessageReceived = async context =>
        {
            await received(context);
            // Browsers and SignalR clients cannot set headers on a WebSocket: the hub takes the token from the query.
            if (context.Token is null && context.HttpContext.Request.Path.StartsWithSegments("/hubs")
                && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                context.Token = token;
        };

        // Identity.Web's own check runs first (wrapped here, whichever order the options are configured in).
        var validated = events.OnTokenValidated;
        events.OnTokenValidated = async context =>
        {
            await validated(context);
            if (context.Result is { Failure: not null } || context.Principal is null) return;
            var clientId = ClientIdOf(context.Principal);
            var mapped = clientId is null ? null
                : await context.HttpContext.RequestServices.GetRequiredService<ApiTokenClaims>().MapAsync(clientId, context.HttpContext.RequestAborted);
            if (mapped is null)
            {
                context.HttpContext.Items[UnmappedClient] = clientId ?? "";
                context.Fail("The token's client is not mapped in ApiTokens:Clients.");
                return;
            }
            context.Principal = new ClaimsPrincipal(mapped);
        };

        events.OnChallenge = async context =>
        {
            context.HandleResponse();
            var unmapped = context.HttpContext.Items.ContainsKey(UnmappedClient);
            if (!unmapped) context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await (unmapped
                ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Нет доступа",
                    detail: "Система, получившая этот токен, не зарегистрирована в LiveOrders. Обратитесь к администратору.")
                : InvalidToken()).ExecuteAsync(context.HttpContext);
        };
    }

    internal static IResult InvalidToken() => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Требуется вход",
        detail: "Токен доступа недействителен, просрочен или выдан не для LiveOrders.");

    /// <summary>The client the token was issued to: <c>azp</c> (OIDC), <c>client_id</c> (RFC 9068), <c>appid</c> (Entra v1).</summary>
    private static string? ClientIdOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue("azp") ?? principal.FindFirstValue("client_id") ?? principal.FindFirstValue("appid");
}

/// <summary>Turns a client id into the <see cref="IntegrationClaims"/> of its configured mapping, or null.</summary>
public sealed class ApiTokenClaims(IOptionsMonitor<ApiTokenOptions> options, IDbContextFactory<LiveOrdersDbContext> dbFactory, ILogger<ApiTokenClaims> log)
{
    public async Task<ClaimsIdentity?> MapAsync(string clientId, CancellationToken ct)
    {
        var client = options.CurrentValue.Clients.FirstOrDefault(c => string.Equals(c.Key, clientId, StringComparison.Ordinal)).Value;
        if (client is null) return Refuse(clientId, "is not in ApiTokens:Clients");
        var access = client.Access?.Trim().ToLowerInvariant();
        if (access is not ("read" or "write")) return Refuse(clientId, "Access must be read or write");
        if (string.IsNullOrWhiteSpace(client.Employee)) return Refuse(clientId, "no Employee");
        // An empty list would mean «no narrowing»: a scope has to be written down.
        if (client.Departments.Count == 0) return Refuse(clientId, "no Departments");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var login = PersonAccounts.NormalizeLogin(client.Employee);
        var employeeId = await (from user in db.Users
                                where user.NormalizedUserName == login
                                join employee in db.Employees on user.Id equals employee.UserId
                                where employee.IsActive
                                select (int?)employee.Id).FirstOrDefaultAsync(ct);
        if (employeeId is null) return Refuse(clientId, "no active employee with that login");

        var departments = await db.Departments.AsNoTracking().Where(d => d.IsActive).Select(d => new { d.Id, d.Name, d.ShortName }).ToListAsync(ct);
        var ids = new List<int>();
        foreach (var entry in client.Departments)
        {
            var value = entry.Trim();
            var match = departments.FirstOrDefault(d => d.Id.ToString() == value
                || string.Equals(d.Name, value, StringComparison.OrdinalIgnoreCase) || string.Equals(d.ShortName, value, StringComparison.OrdinalIgnoreCase));
            // A misspelt department must not silently widen or narrow the scope: the client is refused until it is fixed.
            if (match is null) return Refuse(clientId, "unknown department in Departments");
            ids.Add(match.Id);
        }

        var identity = new ClaimsIdentity(AuthSchemes.Bearer, IntegrationClaims.Client, null);
        identity.AddClaim(new Claim(IntegrationClaims.Client, clientId));
        identity.AddClaim(new Claim(IntegrationClaims.EmployeeId, employeeId.Value.ToString()));
        identity.AddClaim(new Claim(IntegrationClaims.Access, access));
        foreach (var id in ids.Distinct()) identity.AddClaim(new Claim(IntegrationClaims.Department, id.ToString()));
        return identity;
    }

    private ClaimsIdentity? Refuse(string clientId, string reason)
    {
        log.LogWarning("API token of client {Client} refused: {Reason}", clientId, reason);
        return null;
    }
}

/// <summary>Answers bearer tokens when <c>ApiTokens</c> is off: 401 with a ProblemDetails, never a missing-scheme error.</summary>
public sealed class ApiTokensOffHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Требуется вход",
            detail: "Вход по токенам доступа в LiveOrders не включён. Используйте ключ API.").ExecuteAsync(Context);
}
