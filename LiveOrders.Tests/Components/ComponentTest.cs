using System.Security.Claims;
using Bunit;
using LiveOrders.Core;
using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Layout;
using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace LiveOrders.Tests.Components;

/// <summary>
/// A bUnit context wired as the app is: MudBlazor with the Russian texts, the core's real services
/// (policy, queries, use cases) over a real SQLite <see cref="TestDatabase"/> on a driven clock, and
/// a signed-in person. The database and the clock are the only stand-ins.
/// Dispose it with <c>await using</c>: MudBlazor's services are only IAsyncDisposable (STACK.md).
/// </summary>
public static class ComponentTest
{
    public static async Task<BunitContext> CreateAsync(TestDatabase database, Actor? signedIn,
        IDictionary<string, string?>? settings = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        // The order page carries «this opening is recorded» from its prerender to its circuit (personal-data read audit).
        ctx.AddBunitPersistentComponentState();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Municipality:TimeZone"] = "Asia/Novokuznetsk",
                ["Board:CardsPerColumn"] = "40",
                ["Attachments:StoragePath"] = database.AttachmentsPath,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();

        var services = ctx.Services;
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IDbContextFactory<LiveOrdersDbContext>>(database);
        services.AddSingleton<TimeProvider>(database.Clock);
        services.AddSingleton(database.Time);
        services.AddSingleton<ILiveFeed>(database.Feed);
        services.AddLogging();
        services.AddLiveOrdersCore(configuration);
        // The test's own instances, registered last so they win: what a test does through them (invalidate
        // a person, change an order) is what the components see.
        services.AddSingleton(database.Directory);
        services.AddSingleton(database.Orders);
        services.AddSingleton(database.Queries);
        services.Configure<BoardOptions>(configuration.GetSection("Board"));
        services.Configure<WallOptions>(configuration.GetSection("Wall"));
        services.AddScoped<CurrentActor>();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, RussianMudLocalizer>();

        var auth = ctx.AddAuthorization();
        if (signedIn is not null)
        {
            var userId = await AccountForAsync(database, signedIn);
            auth.SetAuthorized(signedIn.FullName);
            auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        }
        return ctx;
    }

    /// <summary>Gives the person a sign-in account (the test organisation has none), so the circuit finds them as the app does.</summary>
    public static async Task<string> AccountForAsync(TestDatabase database, Actor actor)
    {
        await using var db = database.CreateDbContext();
        var employee = await db.Employees.SingleAsync(e => e.Id == actor.EmployeeId);
        if (employee.UserId is { } existing) return existing;
        var user = new IdentityUser { Id = $"user-{actor.EmployeeId}", UserName = $"user{actor.EmployeeId}" };
        db.Users.Add(user);
        employee.UserId = user.Id;
        await db.SaveChangesAsync();
        return user.Id;
    }
}
