using System.Security.Claims;
using LiveOrders.Core.Organization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Identity.Web;

namespace LiveOrders.Web.Infrastructure;

/// <summary>Section <c>OrganizationSignIn</c>; the provider's own settings (Authority, ClientId, …) are read by Identity.Web.</summary>
public sealed class OrganizationSignInOptions
{
    public const string Section = "OrganizationSignIn";
    public bool Enabled { get; set; }
    public string DisplayName { get; set; } = "Войти через учётную запись организации";
    /// <summary>The claim matched to an employee's e-mail or login: <c>email</c>, <c>upn</c> or <c>preferred_username</c>.</summary>
    public string MatchClaim { get; set; } = "email";
    /// <summary>
    /// With <see cref="MatchClaim"/> = email, only an address the provider says it verified (<c>email_verified</c>) is
    /// matched: many providers let a user type any address, an administrator's included. Turn off only for a provider
    /// that never sends the claim and owns every address it issues (ADFS with the directory's mail attribute).
    /// </summary>
    public bool RequireVerifiedEmail { get; set; } = true;
    /// <summary>Who to ask when the sign-in is refused, shown on the refusal page.</summary>
    public string Contact { get; set; } = "администратору LiveOrders";
    /// <summary>Plain http to the provider: honoured only for a provider on this machine (tests).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary>Section <c>ApiTokens</c>: which client-credentials clients act as whom, with what scope.</summary>
public sealed class ApiTokenOptions
{
    public const string Section = "ApiTokens";
    public bool Enabled { get; set; }
    public bool RequireHttpsMetadata { get; set; } = true;
    public Dictionary<string, ApiTokenClient> Clients { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One integration: the employee it acts as (login), the departments (ids, names or short names), read or write.</summary>
public sealed class ApiTokenClient
{
    public string? Employee { get; set; }
    public List<string> Departments { get; set; } = [];
    public string Access { get; set; } = "read";
}

public static class OrganizationSignIn
{
    /// <summary>The OpenID Connect scheme of the browser sign-in; also the login provider of subject links.</summary>
    public const string Scheme = OrganizationLinks.SubjectProvider;

    /// <summary>Browser sign-in and API tokens through Microsoft.Identity.Web, each only when switched on in configuration.</summary>
    public static IServiceCollection AddOrganizationSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OrganizationLinks>();
        services.Configure<OrganizationSignInOptions>(configuration.GetSection(OrganizationSignInOptions.Section));
        services.Configure<ApiTokenOptions>(configuration.GetSection(ApiTokenOptions.Section));
        services.AddSingleton<ApiTokenClaims>();
        var authentication = new AuthenticationBuilder(services);

        var signIn = configuration.GetSection(OrganizationSignInOptions.Section);
        if (signIn.GetValue<bool>("Enabled"))
        {
            // No cookie of its own: the provider's answer lands in Identity's external cookie for one request, and
            // the callback endpoint signs the employee in with the app's own cookie (security stamp, sign-out).
            authentication.AddMicrosoftIdentityWebApp(signIn, Scheme, cookieScheme: null);
            var requireHttps = RequireHttps(signIn);
            services.Configure<OpenIdConnectOptions>(Scheme, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.CallbackPath = signIn["CallbackPath"] is { Length: > 0 } path ? path : "/signin-organization";
                o.RequireHttpsMetadata = requireHttps;
                // Identity.Web's validator knows Entra ID only (IDW/IDX40003 without a tenant id); null keeps the
                // discovery document's issuer check. Never Validators.ValidateIssuer: it recurses until the process dies.
                o.TokenValidationParameters.IssuerValidator = null;
                o.Scope.Add("email");
                o.Scope.Add("profile");
                o.Events.OnRemoteFailure = context =>
                {
                    // A replayed or stale callback, a refusal at the provider: the sign-in page with a message, not a 500.
                    context.Response.Redirect("/login?error=organization");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        var tokens = configuration.GetSection(ApiTokenOptions.Section);
        if (tokens.GetValue<bool>("Enabled"))
        {
            authentication.AddMicrosoftIdentityWebApi(tokens, AuthSchemes.Bearer);
            var requireHttps = RequireHttps(tokens);
            // The clients are authorised by our own list (ApiTokens:Clients), not by roles or scp in the token.
            services.Configure<MicrosoftIdentityOptions>(AuthSchemes.Bearer, o => o.AllowWebApiToBeAuthorizedByACL = true);
            services.Configure<JwtBearerOptions>(AuthSchemes.Bearer, o =>
            {
                o.RequireHttpsMetadata = requireHttps;
                o.TokenValidationParameters.IssuerValidator = null;
                o.MapInboundClaims = false;
                ApiTokenEvents.Attach(o.Events ??= new JwtBearerEvents());
            });
        }
        else
        {
            // The request selector sends any bearer token here; without a handler that would be a 500.
            authentication.AddScheme<AuthenticationSchemeOptions, ApiTokensOffHandler>(AuthSchemes.Bearer, null);
        }
        return services;
    }

    /// <summary>
    /// Plain http only to a provider on this machine, whatever the setting says. An http provider otherwise stops the
    /// start with a clear message: the handler would refuse it on every request, and every page would be a 500.
    /// </summary>
    private static bool RequireHttps(IConfigurationSection section)
    {
        var addresses = new[] { section["MetadataAddress"], section["Authority"] }.Where(a => !string.IsNullOrEmpty(a)).ToList();
        var plain = addresses.Any(a => !a!.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        var loopback = addresses.All(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) && uri.IsLoopback);
        if (!plain) return true;
        if (!section.GetValue("RequireHttpsMetadata", true) && loopback) return false;
        throw new InvalidOperationException(
            $"{section.Path}: Authority и MetadataAddress должны начинаться с https:// (http допускается только для провайдера на этой машине при RequireHttpsMetadata=false).");
    }

    /// <summary>The provider's stable subject: <c>oid</c> (Entra ID) or <c>sub</c>.</summary>
    public static string? SubjectOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue("oid") ?? principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
        ?? principal.FindFirstValue("sub") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The configured claim's value, or null when it is missing or (for e-mail) not verified by the provider.</summary>
    public static string? MatchValueOf(ClaimsPrincipal principal, OrganizationSignInOptions options)
    {
        var claim = options.MatchClaim.Trim().ToLowerInvariant();
        string? value = claim switch
        {
            "email" => principal.FindFirstValue("email") ?? principal.FindFirstValue(ClaimTypes.Email),
            "upn" => principal.FindFirstValue("upn") ?? principal.FindFirstValue(ClaimTypes.Upn),
            _ => principal.FindFirstValue(claim),
        };
        if (claim == "email" && options.RequireVerifiedEmail
            && !string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase))
            return null;
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
