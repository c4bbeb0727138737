using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Demo;
using LiveOrders.Core.Live;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Services;

namespace LiveOrders.Web.Infrastructure;

public static class LiveOrdersServices
{
    /// <summary>Everything the app needs, in one place: data, accounts, time, the live feed, the UI.</summary>
    public static IServiceCollection AddLiveOrders(this IServiceCollection services, IConfiguration configuration)
    {
        // The feed with publish timings for the latency benchmark, when it asks for them; the core's own otherwise.
        LiveOrders.Web.Live.TimedLiveFeed.Register(services, configuration);
        services.AddLiveOrdersCore(configuration);
        services.AddSingleton<LiveOrders.Web.Live.HubFeedBridge>();
        services.AddSignalR().AddJsonProtocol(o =>
            o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        LiveOrders.Web.Live.HubBackplane.AddHubBackplane(services, configuration);
        services.Configure<BoardOptions>(configuration.GetSection("Board"));
        services.Configure<WallOptions>(configuration.GetSection("Wall"));
        services.AddScoped<CurrentActor>();
        services.AddAuditOrigins(configuration);

        services.AddAccounts();
        LiveOrders.Web.Api.ApiServices.AddLiveOrdersApi(services, configuration);
        services.AddOrganizationSignIn(configuration);
        services.Configure<TwoFactorOptions>(configuration.GetSection("Security"));
        services.AddSignInRateLimit(configuration);

        // Cyrillic as is in the HTML, not as &#x...; entities (a third of the page size, and readable).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Toasts bottom-left: clear of the board's last column and of the bell's panel at the top right.
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomLeft;
            o.SnackbarConfiguration.PreventDuplicates = false;
            o.SnackbarConfiguration.VisibleStateDuration = 5000;
        });
        services.AddTransient<MudLocalizer, LiveOrders.Web.Components.Layout.RussianMudLocalizer>();
        LiveOrders.Web.Health.HealthEndpoint.AddLiveOrdersHealth(services);
        services.AddProblemDetails();
        services.AddExceptionHandler<LiveOrders.Web.Api.ApiExceptionHandler>();
        // Unreadable API input becomes an exception the handler above turns into a Russian ProblemDetails.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return services;
    }

    private static void AddAccounts(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, CircuitAuthenticationRevalidator>();
        // The keys that protect cookies and antiforgery tokens live in the database: a restart, a new container or
        // another node over the same database reads the same sign-ins (by default they sat in the home directory
        // of the machine, or only in memory when it had none). One application name, whatever folder it runs from.
        services.AddDataProtection()
            .SetApplicationName("LiveOrders")
            .PersistKeysToDbContext<LiveOrdersDbContext>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Auto;
                o.DefaultChallengeScheme = AuthSchemes.Auto;
            })
            .AddPolicyScheme(AuthSchemes.Auto, null, o => o.ForwardDefaultSelector = AuthSchemes.Select)
            .AddIdentityCookies();
        services.AddAuthorization();
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(10);
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<LiveOrdersDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<RussianIdentityErrorDescriber>()
            // Identity's authenticator codes, accepted once each (see AuthenticatorCodeProvider).
            .AddTokenProvider<AuthenticatorCodeProvider>(TokenOptions.DefaultAuthenticatorProvider);
        // The cookie's security stamp is checked against the database on every request (one indexed read), so
        // signing out, a password change or a switched-off account ends every copy of the cookie at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // An API or hub client gets a status code, not a redirect to an HTML login page.
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
                    return LiveOrders.Web.Api.ApiServices.WriteUnauthorizedAsync(context.HttpContext);
                else
                    context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Migrates the database and, when it is empty, seeds the demo municipality and prints its logins.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<LiveOrdersDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await DatabaseSetup.MigrateAsync(db);

        if (!app.Configuration.GetValue("Demo:SeedOnEmptyDatabase", true)) return;
        var logins = await scope.ServiceProvider.GetRequiredService<DemoMunicipality>().SeedIfEmptyAsync();
        if (logins is null) return;
        var lines = logins.Select(l => $"  {l.UserName,-12} {l.Role,-22} {l.Department,-20} {l.FullName}");
        app.Logger.LogInformation(
            "Демо-муниципалитет создан. Пароль для всех демо-входов: {Password}\n{Logins}",
            DemoMunicipality.Password, string.Join('\n', lines));
    }
}
