using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>Control through /api/v1: the controller at creation, «снять с контроля» and back with a reason, the same rules as the page.</summary>
public sealed class OrderControlApiTests(LiveOrdersApp app) : IClassFixture<LiveOrdersApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<int> DepartmentAsync(string shortName) =>
        (await app.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == shortName).Id;

    private static async Task<JsonElement> OrderAsync(HttpClient client, int id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Json);

    [Fact]
    public async Task TheNamedController_TakesTheOrderOffControlWithAReason_TheCuratorPutsItBack_OthersAreRefused()
    {
        var author = await app.SignedInAsync("arch.head");
        var auditor = await app.ActorAsync("ctrl.1");   // the control department's auditor, a read-only role
        var created = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Проверить исполнение графика вывоза мусора", departmentIds = new[] { await DepartmentAsync("ЖКХ") },
            dueAt = DateTimeOffset.UtcNow.AddDays(4), onControl = true, controllerId = auditor.EmployeeId,
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json))[0].GetProperty("id").GetInt32();

        var controller = await app.SignedInAsync("ctrl.1");
        var order = await OrderAsync(controller, id);
        Assert.Equal(auditor.FullName, order.GetProperty("controller").GetProperty("fullName").GetString());
        Assert.Contains("TakeOffControl", order.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        var version = order.GetProperty("version").GetInt32();

        // The executing department's head neither wrote, controls nor curates it.
        var head = await app.SignedInAsync("zkh.head");
        var byHead = await head.PostAsJsonAsync($"/api/v1/orders/{id}/control", new { version, onControl = false, reason = "Не нужно" });
        Assert.Equal(HttpStatusCode.Forbidden, byHead.StatusCode);
        Assert.Equal("application/problem+json", byHead.Content.Headers.ContentType?.MediaType);

        var noReason = await controller.PostAsJsonAsync($"/api/v1/orders/{id}/control", new { version, onControl = false, reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var problem = await noReason.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal("Укажите причину.", problem.GetProperty("detail").GetString());
        Assert.Equal("reason", problem.GetProperty("field").GetString());
        Assert.True((await OrderAsync(author, id)).GetProperty("onControl").GetBoolean());   // nothing half-applied

        var off = await controller.PostAsJsonAsync($"/api/v1/orders/{id}/control", new { version, onControl = false, reason = "Исполнено, акт получен" });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        order = await OrderAsync(author, id);
        Assert.False(order.GetProperty("onControl").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, order.GetProperty("takenOffControlAt").ValueKind);
        var last = order.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("TakenOffControl", "Исполнено, акт получен", auditor.FullName),
            (last.GetProperty("kind").GetString(), last.GetProperty("reason").GetString(), last.GetProperty("actor").GetString()));

        var stale = await controller.PostAsJsonAsync($"/api/v1/orders/{id}/control", new { version, onControl = true, reason = "Ещё раз" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        version = order.GetProperty("version").GetInt32();
        var again = await controller.PostAsJsonAsync($"/api/v1/orders/{id}/control", new { version, onControl = false, reason = "Ещё раз" });
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("Поручение не на контроле.", await again.Content.ReadAsStringAsync());

        var missing = await controller.PostAsJsonAsync($"/api/v1/orders/{id}/control", new { version, reason = "Без флага" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        // The deputy head curating ЖКХ puts it back.
        var deputy = await app.SignedInAsync("deputy2");
        var on = await deputy.PostAsJsonAsync($"/api/v1/orders/{id}/control", new { version, onControl = true, reason = "Жалобы жителей продолжаются" });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.True((await OrderAsync(author, id)).GetProperty("onControl").GetBoolean());
    }

    [Fact]
    public async Task AnAdministratorAsController_IsRefusedWithTheField_AndNothingIsCreated()
    {
        var author = await app.SignedInAsync("arch.head");
        var before = (await author.GetFromJsonAsync<JsonElement>("/api/v1/orders?scope=All&take=1", Json)).GetProperty("total").GetInt32();
        var response = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "С контролёром-администратором", departmentIds = new[] { await DepartmentAsync("ЖКХ") },
            dueAt = DateTimeOffset.UtcNow.AddDays(4), controllerId = (await app.ActorAsync("admin")).EmployeeId,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal(OrderCommand.ControllerNotFound, problem.GetProperty("detail").GetString());
        Assert.Equal("controller", problem.GetProperty("field").GetString());
        Assert.Equal(before, (await author.GetFromJsonAsync<JsonElement>("/api/v1/orders?scope=All&take=1", Json)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TheCurator_ChangesTheController_AndTheNewControllerSeesTheOrder()
    {
        var author = await app.SignedInAsync("arch.head");
        var created = await author.PostAsJsonAsync("/api/v1/orders", new
        {
            title = "Отчёт о ремонте дворов", departmentIds = new[] { await DepartmentAsync("ЖКХ") }, dueAt = DateTimeOffset.UtcNow.AddDays(4),
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Json))[0].GetProperty("id").GetInt32();
        var finance = await app.SignedInAsync("fin.head");
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"/api/v1/orders/{id}")).StatusCode);

        var deputy = await app.SignedInAsync("deputy2");
        var version = (await OrderAsync(deputy, id)).GetProperty("version").GetInt32();
        var changed = await deputy.PostAsJsonAsync($"/api/v1/orders/{id}/controller",
            new { version, controllerId = (await app.ActorAsync("fin.head")).EmployeeId, note = "Финансовый контроль" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var seen = await OrderAsync(finance, id);
        var last = seen.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("ControllerChanged", last.GetProperty("kind").GetString());
        Assert.Equal(seen.GetProperty("controller").GetProperty("fullName").GetString(), last.GetProperty("employee").GetString());
    }
}
