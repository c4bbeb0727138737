using Bunit;
using LiveOrders.Core.Control;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Components.Control;

/// <summary>Orders for the control panel's tests, and its queries over a data source that can be switched off.</summary>
public static class ControlFixture
{
    /// <summary>The panel's queries over <paramref name="source"/>, in place of the real ones.</summary>
    public static void UseDataSource(this BunitContext ctx, TestDatabase database, SwitchableDataSource source) =>
        ctx.Services.AddSingleton(new ControlQueries(source, database.Time));

    public static async Task<int> SendAsync(this TestDatabase database, string title, Department to, TimeSpan dueIn)
    {
        var result = await database.Orders.CreateAsync(database.RoadsHead,
            new NewOrder(title, "Текст", [to.Id], Priority.Normal, database.Time.UtcNow + dueIn, SendNow: true));
        Assert.True(result.Ok, result.Message);
        return result.Value![0].Id;
    }

    /// <summary>A wall link showing the deputy head's departments (Roads and Housing); returns its token.</summary>
    public static async Task<string> WallLinkAsync(this TestDatabase database)
    {
        var links = new DisplayLinks(database, database.Time, database.Directory);
        var admin = database.Controller with { Role = Role.Administrator };
        var created = await links.CreateAsync(admin, "Зал заседаний", database.Deputy.EmployeeId);
        Assert.True(created.Ok, created.Message);
        return created.Value!;
    }

    public static string Text<T>(this IRenderedComponent<T> cut, string testId) where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find($"[data-testid={testId}]").TextContent.Trim();
}
