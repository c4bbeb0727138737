using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Orders;
using LiveOrders.Web.Components.Board;
using LiveOrders.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveOrders.Tests.Web;

/// <summary>
/// A department's board as filtered, as a download: read back, the file holds exactly the cards the board's own state
/// shows for the same person and filter, column by column in the board's order; whoever may not open the board gets a 403.
/// </summary>
public sealed class BoardExportTests(OrderExportTests.World world) : IClassFixture<OrderExportTests.World>
{
    [Fact]
    public async Task TheXlsx_HoldsExactlyTheCardsTheFilteredBoardShows_ColumnByColumn_WithLocalDateCells()
    {
        var tag = OrderExportTests.World.Tag();
        var due = new DateTime(2026, 12, 20, 2, 15, 0, DateTimeKind.Utc);
        var fresh = await world.OrderAsync($"Срочно {tag}", "ЖКХ", Priority.High, due);
        var accepted = await world.OrderAsync($"Срочно, в работе {tag}", "ЖКХ", Priority.High, due.AddHours(-1));
        var usual = await world.OrderAsync($"Обычное {tag}", "ЖКХ", Priority.Normal, due);
        await AcceptAsync("zkh.head", accepted.Id);
        var filter = new BoardFilter(Priority: Priority.High);
        var housing = await DepartmentAsync("ЖКХ");

        var response = await (await world.App.SignedInAsync("zkh.head")).GetAsync(BoardExportDownload.Url(ExportFormat.Xlsx, housing, filter));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Доска_ЖКХ_{world.Time.LocalNow:yyyy-MM-dd}.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        var rows = Xlsx.Read(await response.Content.ReadAsByteArrayAsync())["Доска"];
        var board = await BoardAsync("zkh.head", housing, filter);
        Assert.Equal(BoardExportDownload.Headers, rows[0].Select(c => c.Text));
        Assert.Equal(board.SelectMany(column => column.Cards.Select(c => (column.Title, c.Number, c.Title, c.Priority.Russian(),
                (DateTime?)OrderExportTests.World.ToSecond(world.Time.ToLocal(c.DueAt)), c.Responsible ?? ""))),
            rows.Skip(1).Select(r => (r[0].Text, r[1].Text, r[2].Text, r[3].Text, r[4].Date is { } d ? OrderExportTests.World.ToSecond(d.AddMilliseconds(500)) : (DateTime?)null, r[7].Text)));
        Assert.Contains("dd.mm.yyyy", rows[1][4].Format);
        var numbers = rows.Skip(1).Select(r => r[1].Text).ToList();
        Assert.DoesNotContain(usual.Number, numbers);
        Assert.True(numbers.IndexOf(fresh.Number) < numbers.IndexOf(accepted.Number), "«Новые» come before «В работе», as the columns do");
        Assert.Equal(("Новые", "В работе"), (rows.Single(r => r[1].Text == fresh.Number)[0].Text, rows.Single(r => r[1].Text == accepted.Number)[0].Text));
        Assert.All(rows.Skip(1), r => Assert.Equal("Высокий", r[3].Text));
    }

    [Fact]
    public async Task TheCsv_ForADeputyHead_HoldsEveryCardOfASupervisedBoard_NotOnlyTheFirstPageOfAColumn()
    {
        var architecture = await DepartmentAsync("Архитектура");
        var options = world.App.Services.GetRequiredService<IOptions<BoardOptions>>().Value;
        for (var i = 0; i <= options.CardsPerColumn; i++)
            await world.OrderAsync($"Эскиз {i} {OrderExportTests.World.Tag()}", "Архитектура", Priority.Low, DateTime.UtcNow.AddDays(4));

        var rows = await world.CsvAsync(await world.App.SignedInAsync("deputy2"), BoardExportDownload.Url(ExportFormat.Csv, architecture, new BoardFilter()));

        var board = await BoardAsync("deputy2", architecture, new BoardFilter());
        Assert.True(board[0].Count > options.CardsPerColumn, "«Новые» has more cards than the column shows at once");
        Assert.Equal(board.SelectMany(column => column.Cards.Select(c => new[] { column.Title, c.Number })), rows.Skip(1).Select(r => r.Take(2).ToArray()));
        Assert.Equal(board.Sum(c => c.Count), rows.Count - 1);
    }

    [Theory]
    [InlineData("zkh.1", "Финансы")]
    [InlineData("deputy2", "Финансы")]   // she supervises Архитектура, ЖКХ and Образование only
    [InlineData("fin.head", "ЖКХ")]
    public async Task SomeoneWhoMayNotOpenTheBoard_GetsA403InRussian_AndNoFile(string login, string department)
    {
        var client = await world.App.SignedInAsync(login);

        var response = await client.GetAsync(BoardExportDownload.Url(ExportFormat.Xlsx, await DepartmentAsync(department), new BoardFilter()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal(BoardExportDownload.NotYours, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("format=xlsx&priority=Huge", BoardExportDownload.BadFilter)]
    [InlineData("format=xlsx&priority=2", BoardExportDownload.BadFilter)]
    [InlineData("format=xlsx&overdue=yes", BoardExportDownload.BadFilter)]
    [InlineData("format=xlsx&executor=-3", BoardExportDownload.BadFilter)]
    [InlineData("format=odt", "xlsx или csv")]
    public async Task ABadFilter_IsA400InRussian(string query, string message)
    {
        var client = await world.App.SignedInAsync("zkh.head");

        var response = await client.GetAsync($"{BoardExportDownload.Pattern}?department={await DepartmentAsync("ЖКХ")}&{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABoardWithoutADepartment_IsA400InRussian()
    {
        var response = await (await world.App.SignedInAsync("zkh.head")).GetAsync($"{BoardExportDownload.Pattern}?format=csv&department=ЖКХ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("подразделение", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    /// <summary>The board's columns as the page's own state gives them to a person for a filter (every card, not a page of each).</summary>
    private async Task<IReadOnlyList<BoardColumn>> BoardAsync(string login, int departmentId, BoardFilter filter)
    {
        var services = world.App.Services;
        var queries = services.GetRequiredService<OrderQueries>();
        var actor = await world.App.ActorAsync(login);
        var state = new BoardState(actor, departmentId, services.GetRequiredService<IOptions<BoardOptions>>().Value,
            services.GetRequiredService<DeadlineRules>(), world.Time, card => queries.BelongsOnBoard(card, departmentId));
        state.Load((await queries.BoardAsync(actor, departmentId))!);
        state.SetFilter(filter);
        return state.Matching;
    }

    private async Task<int> DepartmentAsync(string shortName) =>
        (await world.App.Services.GetRequiredService<OrderQueries>().DepartmentsAsync()).Single(d => d.ShortName == shortName).Id;

    private async Task AcceptAsync(string login, int orderId)
    {
        var actor = await world.App.ActorAsync(login);
        var queries = world.App.Services.GetRequiredService<OrderQueries>();
        var version = (await queries.GetAsync(actor, orderId)).Value!.Version;
        var result = await world.App.Services.GetRequiredService<OrderService>().ExecuteAsync(actor, orderId, version, new AcceptOrder());
        Assert.True(result.Ok, result.Message);
    }
}
