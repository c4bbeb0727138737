using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LiveOrders.Tests.Support;

/// <summary>
/// A real OpenID Connect provider for the tests (OpenIddict on Kestrel, 127.0.0.1, a port of its own): code flow
/// with PKCE for the browser sign-in, client credentials for other systems, ephemeral keys, signed (not encrypted)
/// access tokens. Its login page signs in whoever the test says (<see cref="NextUser"/>) at one click.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string WebClientId = "liveorders-web";
    public const string WebClientSecret = "web-secret-7f3a";
    public const string ApiAudience = "liveorders-api";
    /// <summary>A system mapped in the app's ApiTokens:Clients.</summary>
    public const string IntegrationClientId = "docflow";
    /// <summary>A system the provider knows but the app does not.</summary>
    public const string UnmappedClientId = "stranger";
    /// <summary>A system whose tokens are for another API (audience), not LiveOrders.</summary>
    public const string OtherAudienceClientId = "other-api-client";
    public const string ClientSecret = "client-secret-91c2";
    private const string CookieScheme = "OidcProviderCookie";

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"oidc-provider-{Guid.NewGuid():N}.db");
    private WebApplication? _app;

    public int Port { get; } = Ports.Free();
    public string Issuer => $"http://127.0.0.1:{Port}/";
    public string MetadataAddress => $"{Issuer}.well-known/openid-configuration";

    /// <summary>Who the login page signs in next.</summary>
    public TestUser NextUser { get; set; } = new("someone@city.example", "user-someone", EmailVerified: true);

    public sealed record TestUser(string Email, string Subject, bool EmailVerified);

    public static async Task<OidcProvider> StartAsync()
    {
        var provider = new OidcProvider();
        await provider.StartCoreAsync();
        return provider;
    }

    /// <summary>The key the provider signs with, for tests that mint tokens the provider never issued.</summary>
    public SecurityKey SigningKey => _app!.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials[0].Key;

    private async Task StartCoreAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = typeof(OidcProvider).Assembly.GetName().Name });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderDb>(o => o.UseSqlite($"Data Source={_database}").UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetIssuer(new Uri(Issuer));
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowClientCredentialsFlow();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        // Cookies ignore ports: a name of its own, or the provider's sign-in would overwrite the app's.
        builder.Services.AddAuthentication(CookieScheme).AddCookie(CookieScheme, o =>
        {
            o.Cookie.Name = "oidc-provider-session";
            o.LoginPath = "/account/login";
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/account/login", (string? returnUrl) => Results.Content(
            $"""
            <!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Тестовый провайдер</title></head><body>
            <form method="post" action="/account/login"><input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl ?? "/")}">
            <p>Вход как {WebUtility.HtmlEncode(NextUser.Email)}</p><button type="submit" id="provider-sign-in">Войти у провайдера</button></form>
            </body></html>
            """, "text/html; charset=utf-8"));
        app.MapPost("/account/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var user = NextUser;
            var identity = new ClaimsIdentity([new Claim("sub", user.Subject), new Claim("email", user.Email),
                new Claim("email_verified", user.EmailVerified ? "true" : "false")], CookieScheme);
            await http.SignInAsync(CookieScheme, new ClaimsPrincipal(identity));
            var returnUrl = form["returnUrl"].ToString();
            return Results.LocalRedirect(returnUrl.StartsWith('/') ? returnUrl : "/");
        });
        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var signedIn = await http.AuthenticateAsync(CookieScheme);
            if (!signedIn.Succeeded)
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString }, [CookieScheme]);

            var claims = signedIn.Principal!;
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, claims.FindFirstValue("sub"));
            identity.SetClaim(Claims.Email, claims.FindFirstValue("email"));
            identity.SetClaim(Claims.EmailVerified, claims.FindFirstValue("email_verified") == "true");
            identity.SetClaim(Claims.Name, claims.FindFirstValue("email"));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            if (request.IsAuthorizationCodeGrantType())
            {
                var principal = (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal!;
                return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            }
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetResources(request.ClientId == OtherAudienceClientId ? "other-api" : ApiAudience);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            foreach (var client in new[] { IntegrationClientId, UnmappedClientId, OtherAudienceClientId })
                await applications.CreateAsync(new OpenIddictApplicationDescriptor
                {
                    ClientId = client,
                    ClientSecret = ClientSecret,
                    ClientType = ClientTypes.Confidential,
                    Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
                });
        }
        await app.StartAsync();
        _app = app;
    }

    /// <summary>The app's browser client, once the app's address (its redirect URI) is known.</summary>
    public async Task RegisterWebClientAsync(string appBaseUrl)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = WebClientId,
            ClientSecret = WebClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri($"{appBaseUrl}/signin-organization"), new Uri("http://127.0.0.1/test-callback") },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    /// <summary>A client-credentials access token, as another municipal system would get one.</summary>
    public async Task<string> ClientTokenAsync(string clientId, string secret = ClientSecret)
    {
        using var http = new HttpClient();
        var response = await http.PostAsync($"{Issuer}connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Token request failed: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// An id_token of the app's browser client, got through the code flow with PKCE by plain HTTP (for the test that
    /// offers it to the API as if it were an access token).
    /// </summary>
    public async Task<string> IdTokenAsync(TestUser user)
    {
        NextUser = user;
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(Issuer) };
        await http.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));
        var verifier = Base64UrlEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier)));
        const string redirect = "http://127.0.0.1/test-callback";
        var authorize = await http.GetAsync($"connect/authorize?client_id={WebClientId}&response_type=code&scope=openid%20email" +
            $"&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge={challenge}&code_challenge_method=S256&state=s1&nonce=n1");
        var location = authorize.Headers.Location ?? throw new InvalidOperationException($"No redirect from authorize: {authorize.StatusCode}");
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query)["code"].ToString();
        var token = await http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirect,
            ["client_id"] = WebClientId,
            ["client_secret"] = WebClientSecret,
            ["code_verifier"] = verifier,
        }));
        var body = await token.Content.ReadAsStringAsync();
        if (!token.IsSuccessStatusCode) throw new InvalidOperationException($"Code exchange failed: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id_token").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_database + suffix);
    }


    internal sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
