using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Orders;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Web;

/// <summary>
/// The read log (152-ФЗ) as filtered, as a download: the file is read back and holds exactly the rows the page's own query
/// finds for the same filter, all of them; only control and administrators get it.
/// </summary>
public sealed class ReadLogExportTests(OrderExportTests.World world) : IClassFixture<OrderExportTests.World>
{
    [Fact]
    public async Task TheXlsx_HoldsExactlyWhatThePageFindsForTheFilter_NewestFirst_WithLocalDateCells()
    {
        var (_, first, second) = await OpenedTwiceAsync();
        var today = DateOnly.FromDateTime(world.Time.LocalNow);
        var client = await world.App.SignedInAsync("ctrl.1");

        var response = await client.GetAsync(ReadLogExportDownload.Url(ExportFormat.Xlsx, today, today, null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Журнал_просмотров_{world.Time.LocalNow:yyyy-MM-dd}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var rows = Xlsx.Read(await response.Content.ReadAsByteArrayAsync())["Просмотры"];
        var page = (await Log.SearchAsync(await world.App.ActorAsync("ctrl.1"), today, today, null, 0, OrderReadLog.MaxPageSize)).Value!;
        Assert.InRange(page.Total, 3, OrderReadLog.MaxPageSize);
        Assert.Equal(ReadLogExports.Headers, rows[0].Select(c => c.Text));
        Assert.Equal(page.Items.Select(r => (OrderExportTests.World.ToSecond(world.Time.ToLocal(r.At)), r.OrderNumber, r.Reader, r.ReaderDepartment, r.Channel.Russian())),
            rows.Skip(1).Select(r => (OrderExportTests.World.ToSecond(r[0].Date!.Value.AddMilliseconds(500)), r[1].Text, r[2].Text, r[3].Text, r[4].Text)));
        Assert.Contains("dd.mm.yyyy", rows[1][0].Format);
        var ours = rows.Skip(1).Where(r => r[1].Text == first.Number || r[1].Text == second.Number).ToList();
        Assert.Equal([(second.Number, "API"), (first.Number, "выгрузка"), (first.Number, "страница")], ours.Select(r => (r[1].Text, r[4].Text)));
    }

    [Fact]
    public async Task TheCsv_FollowsTheFilter_ADayWithNoOpeningsGivesOnlyTheHeader()
    {
        var (_, first, _) = await OpenedTwiceAsync();
        var tomorrow = DateOnly.FromDateTime(world.Time.LocalNow).AddDays(1);
        var client = await world.App.SignedInAsync("admin");

        var byNumber = await world.CsvAsync(client, ReadLogExportDownload.Url(ExportFormat.Csv, null, null, first.Number));
        var later = await world.CsvAsync(client, ReadLogExportDownload.Url(ExportFormat.Csv, tomorrow, null, null));

        var page = (await Log.SearchAsync(await world.App.ActorAsync("admin"), null, null, first.Number, 0, OrderReadLog.MaxPageSize)).Value!;
        Assert.Equal(2, page.Items.Count(r => r.OrderNumber == first.Number));
        Assert.Equal(page.Items.Select(r => new[] { world.Time.ToLocal(r.At).ToString("dd.MM.yyyy HH:mm"), r.OrderNumber, r.Reader, r.ReaderDepartment, r.Channel.Russian() }),
            byNumber.Skip(1).Select(r => r.ToArray()));
        Assert.Equal(ReadLogExports.Headers, Assert.Single(later));
    }

    [Theory]
    [InlineData("deputy2")]
    [InlineData("zkh.head")]
    [InlineData("zkh.1")]
    public async Task SomeoneWhoMayNotReadTheLog_GetsA403InRussian_AndNoFile(string login)
    {
        var (tag, _, _) = await OpenedTwiceAsync();
        var client = await world.App.SignedInAsync(login);

        var response = await client.GetAsync(ReadLogExportDownload.Url(ExportFormat.Csv, null, null, tag));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal(OrderPolicy.ReadLogRefusal, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("format=xlsx&from=27.11.2026", ReadLogExportDownload.BadFilter)]
    [InlineData("format=xlsx&to=2026-02-30", ReadLogExportDownload.BadFilter)]
    [InlineData("format=doc", "xlsx или csv")]
    public async Task ABadFilter_IsA400InRussian(string query, string message)
    {
        var client = await world.App.SignedInAsync("ctrl.1");

        var response = await client.GetAsync(ReadLogExportDownload.Pattern + "?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    private OrderReadLog Log => world.App.Services.GetRequiredService<OrderReadLog>();

    /// <summary>Two new orders holding personal data: the first opened on its page and exported, then the second through the API.</summary>
    private async Task<(string Tag, (int Id, string Number) First, (int Id, string Number) Second)> OpenedTwiceAsync()
    {
        var tag = OrderExportTests.World.Tag();
        var first = await world.OrderAsync($"Жалоба жильца {tag}", "ЖКХ", Priority.Normal, DateTime.UtcNow.AddDays(3), personalData: true);
        var second = await world.OrderAsync($"Обращение {tag}", "ЖКХ", Priority.Normal, DateTime.UtcNow.AddDays(3), personalData: true);
        Assert.True((await Log.OpenAsync(await world.App.ActorAsync("zkh.1"), first.Id, ReadChannel.Page)).Ok);
        Assert.True((await Log.OpenAsync(await world.App.ActorAsync("zkh.head"), first.Id, ReadChannel.Export)).Ok);
        Assert.True((await Log.OpenAsync(await world.App.ActorAsync("zkh.head"), second.Id, ReadChannel.Api)).Ok);
        return (tag, first, second);
    }
}
