using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The administration's people list as filtered, as a download: read back, it holds exactly the rows the page's own query
/// gives for the same filter, every one (the table pages by 25); administrators only.
/// </summary>
public sealed class PeopleExportTests(OrderExportTests.World world) : IClassFixture<OrderExportTests.World>
{
    [Fact]
    public async Task TheXlsx_HoldsExactlyThePagesRowsForTheFilter_AllOfThem()
    {
        var admin = await world.App.ActorAsync("admin");
        var filter = new PeopleFilter(Active: null);

        var response = await (await world.App.SignedInAsync("admin")).GetAsync(PeopleExportDownload.Url(ExportFormat.Xlsx, filter));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Сотрудники_{world.Time.LocalNow:yyyy-MM-dd}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var rows = Xlsx.Read(await response.Content.ReadAsByteArrayAsync())["Сотрудники"];
        var page = (await People.ListAsync(admin, filter)).Value!;
        Assert.True(page.Count > 25, "more people than the table shows on one page");
        Assert.Equal(PeopleExports.Headers, rows[0].Select(c => c.Text));
        Assert.Equal(page.Select(p => new[] { p.FullName, p.Position, p.Login ?? "", p.Email ?? "", p.Department, p.Role.Russian(), PeopleExports.State(p) }),
            rows.Skip(1).Select(r => r.Select(c => c.Text).ToArray()));
    }

    [Fact]
    public async Task TheCsv_FollowsTheFilter_TextDepartmentAndRole()
    {
        var admin = await world.App.ActorAsync("admin");
        var housing = (await world.App.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == "ЖКХ").Id;
        var heads = new PeopleFilter(DepartmentId: housing, Role: Role.DepartmentHead);
        var byText = new PeopleFilter(Text: "нач");

        var client = await world.App.SignedInAsync("admin");
        var headRows = await world.CsvAsync(client, PeopleExportDownload.Url(ExportFormat.Csv, heads));
        var textRows = await world.CsvAsync(client, PeopleExportDownload.Url(ExportFormat.Csv, byText));

        var headPage = (await People.ListAsync(admin, heads)).Value!;
        var textPage = (await People.ListAsync(admin, byText)).Value!;
        Assert.Equal(headPage.Select(p => p.FullName), headRows.Skip(1).Select(r => r[0]));
        Assert.All(headRows.Skip(1), r => Assert.Equal((Role.DepartmentHead.Russian(), "действует"), (r[5], r[6])));
        Assert.NotEmpty(headPage);
        Assert.Equal(textPage.Select(p => p.FullName), textRows.Skip(1).Select(r => r[0]));
        Assert.InRange(textPage.Count, 1, (await People.ListAsync(admin, new PeopleFilter())).Value!.Count - 1);
    }

    [Theory]
    [InlineData("deputy2")]
    [InlineData("ctrl.head")]
    [InlineData("zkh.1")]
    public async Task SomeoneWhoIsNotAnAdministrator_GetsA403InRussian_AndNoFile(string login)
    {
        var response = await (await world.App.SignedInAsync(login)).GetAsync(PeopleExportDownload.Url(ExportFormat.Csv, new PeopleFilter()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Contains("только администратор", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("format=xlsx&role=Boss", PeopleExportDownload.BadFilter)]
    [InlineData("format=xlsx&role=1", PeopleExportDownload.BadFilter)]
    [InlineData("format=xlsx&active=maybe", PeopleExportDownload.BadFilter)]
    [InlineData("format=xlsx&department=ЖКХ", PeopleExportDownload.BadFilter)]
    [InlineData("format=rtf", "xlsx или csv")]
    public async Task ABadFilter_IsA400InRussian(string query, string message)
    {
        var response = await (await world.App.SignedInAsync("admin")).GetAsync($"{PeopleExportDownload.Pattern}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    private PeopleAdministration People => world.App.Services.GetRequiredService<PeopleAdministration>();
}
