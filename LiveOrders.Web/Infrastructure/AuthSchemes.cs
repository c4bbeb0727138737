using Microsoft.AspNetCore.Identity;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// The ways in, and which one a request uses: people have the Identity cookie; other systems, on the API and the
/// hub only, an API key or a bearer token. Decided from the request alone, in this one place.
/// </summary>
public static class AuthSchemes
{
    /// <summary>The default scheme: forwards each request to the scheme <see cref="Select"/> picks.</summary>
    public const string Auto = "LiveOrders";
    public const string ApiKey = "ApiKey";
    /// <summary>Client-credentials tokens validated by Microsoft.Identity.Web (registered only when configured).</summary>
    public const string Bearer = "Bearer";
    public const string ApiKeyHeader = "X-Api-Key";

    public static string Select(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/hubs")) return IdentityConstants.ApplicationScheme;
        if (context.Request.Headers.ContainsKey(ApiKeyHeader)) return ApiKey;

        var authorization = context.Request.Headers.Authorization.ToString();
        // Browsers cannot set headers on a WebSocket, so SignalR clients send the token as access_token.
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim()
            : path.StartsWithSegments("/hubs") ? context.Request.Query["access_token"].ToString() : "";
        if (token.Length == 0) return IdentityConstants.ApplicationScheme;
        return token.StartsWith(Core.Integrations.ApiKey.TokenPrefix, StringComparison.Ordinal) ? ApiKey : Bearer;
    }
}

/// <summary>
/// What an API key or a token tells about the system calling: the employee it acts as and its scope. Both schemes
/// produce these claims, and <see cref="ActorDirectoryExtensions.FindAsync"/> turns them into a narrowed actor.
/// </summary>
public static class IntegrationClaims
{
    public const string EmployeeId = "lo:employee";
    /// <summary>One claim per department the access is scoped to.</summary>
    public const string Department = "lo:department";
    /// <summary>"read" or "write".</summary>
    public const string Access = "lo:access";
    /// <summary>The key's id or the token's client id, for the audit and «последнее использование».</summary>
    public const string Client = "lo:client";
}
