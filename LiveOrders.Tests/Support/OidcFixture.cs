namespace LiveOrders.Tests.Support;

/// <summary>
/// A local OpenID Connect provider and the real app process configured to trust it, as an administration would set
/// them up: browser sign-in through the provider, and client-credentials tokens for another system («docflow»,
/// acting as zkh.head, read-only, scoped to ЖКХ).
/// </summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public const string ButtonText = "Войти через Keycloak (тест)";
    public OidcProvider Provider { get; private set; } = default!;
    public AppProcess App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync();
        App = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["OrganizationSignIn__Enabled"] = "true",
            ["OrganizationSignIn__DisplayName"] = ButtonText,
            ["OrganizationSignIn__Authority"] = Provider.Issuer,
            ["OrganizationSignIn__MetadataAddress"] = Provider.MetadataAddress,
            ["OrganizationSignIn__ClientId"] = OidcProvider.WebClientId,
            ["OrganizationSignIn__ClientSecret"] = OidcProvider.WebClientSecret,
            ["OrganizationSignIn__ResponseType"] = "code",
            ["OrganizationSignIn__CallbackPath"] = "/signin-organization",
            ["OrganizationSignIn__MatchClaim"] = "email",
            ["OrganizationSignIn__RequireHttpsMetadata"] = "false",
            ["ApiTokens__Enabled"] = "true",
            ["ApiTokens__Authority"] = Provider.Issuer,
            ["ApiTokens__MetadataAddress"] = Provider.MetadataAddress,
            ["ApiTokens__ClientId"] = OidcProvider.ApiAudience,
            ["ApiTokens__Audience"] = OidcProvider.ApiAudience,
            ["ApiTokens__RequireHttpsMetadata"] = "false",
            [$"ApiTokens__Clients__{OidcProvider.IntegrationClientId}__Employee"] = "zkh.head",
            [$"ApiTokens__Clients__{OidcProvider.IntegrationClientId}__Departments__0"] = "ЖКХ",
            [$"ApiTokens__Clients__{OidcProvider.IntegrationClientId}__Access"] = "read",
            // The id_token's audience is the browser client: mapping it here proves the audience, not the mapping, refuses it.
            [$"ApiTokens__Clients__{OidcProvider.WebClientId}__Employee"] = "zkh.head",
            [$"ApiTokens__Clients__{OidcProvider.WebClientId}__Departments__0"] = "ЖКХ",
            [$"ApiTokens__Clients__{OidcProvider.OtherAudienceClientId}__Employee"] = "zkh.head",
            [$"ApiTokens__Clients__{OidcProvider.OtherAudienceClientId}__Departments__0"] = "ЖКХ",
        });
        await Provider.RegisterWebClientAsync(App.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}
