using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveOrders.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LiveOrders.Tests.Web;

/// <summary>
/// Other systems with client-credentials tokens from a real provider (OpenIddict on 127.0.0.1), validated by
/// Microsoft.Identity.Web in the real app process: what a mapped client gets, and every token that must get nothing.
/// </summary>
public sealed class ApiTokenTests(OidcFixture oidc) : IClassFixture<OidcFixture>
{
    private HttpClient Client(string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(oidc.App.BaseUrl) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private async Task<HttpClient> SignedInAsync(string userName)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(oidc.App.BaseUrl) };
        var response = await LiveOrdersApp.PostLoginAsync(http, userName, BrowserFixture.Password);
        Assert.DoesNotContain("error=", response.Headers.Location?.ToString());
        return http;
    }

    private static async Task<int[]> OrderIdsAsync(HttpClient http)
    {
        var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/orders?take=200");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).Order().ToArray();
    }

    [Fact]
    public async Task ClientCredentialsToken_ReadsOrders_AsTheMappedEmployee()
    {
        var token = await oidc.Provider.ClientTokenAsync(OidcProvider.IntegrationClientId);
        var asToken = await OrderIdsAsync(Client(token));
        var asHead = await OrderIdsAsync(await SignedInAsync("zkh.head"));
        var everything = await OrderIdsAsync(await SignedInAsync("admin"));

        Assert.NotEmpty(asToken);
        Assert.Equal(asHead, asToken);
        // An order zkh.head cannot open is as absent for the system acting as her.
        var foreign = everything.Except(asHead).First();
        var response = await Client(token).GetAsync($"/api/v1/orders/{foreign}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client(token).GetAsync($"/api/v1/orders/{asToken[0]}")).StatusCode);
    }

    [Fact]
    public async Task ClientTheAppDoesNotKnow_Gets403_WithARussianProblem()
    {
        var token = await oidc.Provider.ClientTokenAsync(OidcProvider.UnmappedClientId);
        var response = await Client(token).GetAsync("/api/v1/orders");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("не зарегистрирована в LiveOrders", problem.GetProperty("detail").GetString());
    }

    /// <summary>A token the provider's own key signs, with the claims a test chooses; the valid one is the control.</summary>
    private string Mint(Action<SecurityTokenDescriptor>? change = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = oidc.Provider.Issuer,
            Audience = OidcProvider.ApiAudience,
            Subject = new ClaimsIdentity([new Claim("sub", OidcProvider.IntegrationClientId), new Claim("client_id", OidcProvider.IntegrationClientId)]),
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(key ?? oidc.Provider.SigningKey, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    public static TheoryData<string> RefusedTokens() =>
    [
        "signed by a key not in the provider's JWKS",
        "expired",
        "from a foreign issuer",
        "for another audience (minted)",
        "with alg=none",
        "with a tampered payload",
        "garbage",
    ];

    private string RefusedToken(string kind)
    {
        switch (kind)
        {
            case "signed by a key not in the provider's JWKS":
                return Mint(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "attacker" });
            case "expired":
                return Mint(d => { d.IssuedAt = DateTime.UtcNow.AddHours(-3); d.NotBefore = DateTime.UtcNow.AddHours(-3); d.Expires = DateTime.UtcNow.AddHours(-2); });
            case "from a foreign issuer":
                return Mint(d => d.Issuer = "http://127.0.0.1:1/");
            case "for another audience (minted)":
                return Mint(d => d.Audience = "other-api");
            case "with alg=none":
                var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                return Base64Url("""{"alg":"none","typ":"at+jwt"}""") + "." + Base64Url(
                    $$"""{"iss":"{{oidc.Provider.Issuer}}","aud":"{{OidcProvider.ApiAudience}}","client_id":"{{OidcProvider.IntegrationClientId}}","sub":"{{OidcProvider.IntegrationClientId}}","iat":{{now}},"nbf":{{now}},"exp":{{now + 600}}}""") + ".";
            case "with a tampered payload":
                // A genuine signature over a payload that no longer matches it (the client swapped for another).
                var parts = Mint(d => d.Subject = new ClaimsIdentity([new Claim("client_id", OidcProvider.UnmappedClientId)])).Split('.');
                var genuine = Mint().Split('.');
                return $"{genuine[0]}.{parts[1]}.{genuine[2]}";
            default:
                return "eyJhbGciOiJSUzI1NiJ9.bm90IGEgdG9rZW4.c2ln";
        }
    }

    [Fact]
    public async Task AMintedTokenWithTheProvidersKey_IsAccepted_SoTheRefusalsBelowAreForTheirFlawAlone()
    {
        var response = await Client(Mint()).GetAsync("/api/v1/orders");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task ABadToken_Gets401_WithAProblemAndNoData(string kind)
    {
        var response = await Client(RefusedToken(kind)).GetAsync("/api/v1/orders");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Требуется вход", problem.GetProperty("title").GetString());
        Assert.False(problem.TryGetProperty("items", out _));
    }

    [Fact]
    public async Task ATokenTheProviderIssuedForAnotherApi_Gets401()
    {
        var token = await oidc.Provider.ClientTokenAsync(OidcProvider.OtherAudienceClientId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(token).GetAsync("/api/v1/orders")).StatusCode);
    }

    [Fact]
    public async Task AnIdTokenOfTheBrowserSignIn_IsNotAnAccessToken_401()
    {
        var idToken = await oidc.Provider.IdTokenAsync(new("zkh.head@demo.liveorders.local", "user-zkh-head", EmailVerified: true));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(idToken).GetAsync("/api/v1/orders")).StatusCode);
    }

    [Fact]
    public async Task TheHub_AcceptsATokenInTheQuery_AndPushesTheMappedEmployeesChanges()
    {
        var token = await oidc.Provider.ClientTokenAsync(OidcProvider.IntegrationClientId);
        using var socket = await ConnectHubAsync(token);

        var author = await SignedInAsync("arch.head");
        var housing = await DepartmentIdAsync("ЖКХ");
        var created = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Проверить подвал дома 5 (токен)",
            departmentIds = new[] { housing },
            dueAt = DateTimeOffset.UtcNow.AddDays(3),
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        var message = await NextOrderChangedAsync(socket, "Проверить подвал дома 5 (токен)");
        Assert.Equal("Created", message.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task TheHub_RefusesAForgedTokenInTheQuery_401()
    {
        var negotiate = await Client().PostAsync($"/hubs/orders/negotiate?negotiateVersion=1&access_token={RefusedToken("signed by a key not in the provider's JWKS")}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Equal("application/problem+json", negotiate.Content.Headers.ContentType?.MediaType);
    }

    private async Task<int> DepartmentIdAsync(string shortName)
    {
        var admin = await SignedInAsync("admin");
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/v1/orders?take=200");
        return page.GetProperty("items").EnumerateArray().First(i => i.GetProperty("executingDepartment").GetString() == shortName)
            .GetProperty("executingDepartmentId").GetInt32();
    }

    private async Task<ClientWebSocket> ConnectHubAsync(string token)
    {
        var negotiate = await Client().PostAsync($"/hubs/orders/negotiate?negotiateVersion=1&access_token={token}", null);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        var connection = (await negotiate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("connectionToken").GetString();
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"{oidc.App.BaseUrl.Replace("http", "ws")}/hubs/orders?id={connection}&access_token={token}"), CancellationToken.None);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, CancellationToken.None);
        var handshake = await ReceiveAsync(socket);
        Assert.False(handshake.TryGetProperty("error", out _), handshake.ToString());
        return socket;
    }

    private static async Task<JsonElement> NextOrderChangedAsync(ClientWebSocket socket, string title)
    {
        while (true)
        {
            var message = await ReceiveAsync(socket);
            if (message.TryGetProperty("target", out var target) && target.GetString() == "orderChanged"
                && message.GetProperty("arguments")[0].GetProperty("card").GetProperty("title").GetString() == title)
                return message.GetProperty("arguments")[0];
        }
    }

    private static readonly Dictionary<WebSocket, StringBuilder> Pending = [];

    private static async Task<JsonElement> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        if (!Pending.TryGetValue(socket, out var pending)) Pending[socket] = pending = new StringBuilder();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var text = pending.ToString();
            var end = text.IndexOf('\u001e');
            if (end >= 0)
            {
                pending.Remove(0, end + 1);
                return JsonDocument.Parse(text[..end]).RootElement.Clone();
            }
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The hub closed the connection.");
            pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }
}

/// <summary>With <c>ApiTokens</c> off (the default), a bearer token is refused as cleanly as a bad one, never a 500.</summary>
public sealed class ApiTokensOffTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    [Theory]
    [InlineData("/api/v1/orders")]
    [InlineData("/hubs/orders/negotiate?negotiateVersion=1")]
    public async Task ABearerToken_WhenTokensAreOff_Gets401WithAProblem(string path)
    {
        var http = app.Anonymous();
        using var request = new HttpRequestMessage(path.StartsWith("/hubs") ? HttpMethod.Post : HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
