using LiveOrders.Core;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using LiveOrders.Tests.Web;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>The list behind a report figure as a file, opened and read back: the same rows as the page, dates in the municipality's zone.</summary>
public sealed class FigureOrdersExportTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private ReportMunicipality _m = default!;
    private FigureOrdersExports Exports => _db.Services.GetRequiredService<FigureOrdersExports>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _m = await ReportMunicipality.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task TheLateList_AsXlsx_HoldsBWithItsDelay_AndRealLocalDates()
    {
        var file = await Exports.FileAsync(_db.Deputy, ReportMunicipality.March, [_db.Housing.Id], ReportFigure.DoneLate, ExportFormat.Xlsx);
        Assert.True(file.Ok, file.Message);
        Assert.Equal("Исполнено-с-опозданием_ЖКХ_2026-03-01_2026-03-31.xlsx", file.Value!.FileName);

        var rows = Xlsx.Read(file.Value.Content)[ReportFigure.DoneLate.Russian()];
        Assert.Equal(["Номер", "Поручение", "Статус", "Срок", "Подразделение", "Опоздание", "Минут"], rows[0].Select(c => c.Text));
        var b = Assert.Single(rows.Skip(1));
        var number = (await _db.Queries.GetAsync(_db.Controller, _m.B)).Value!.Number;
        Assert.Equal((number, "Поручение", "Исполнено", "ЖКХ"), (b[0].Text, b[1].Text, b[2].Text, b[4].Text));
        // B's due time after its extension, h96: 6 March 10:00 in Novokuznetsk, a real date cell.
        Assert.Equal(new DateTime(2026, 3, 6, 10, 0, 0), b[3].Date);
        Assert.Equal(("4 ч 0 мин", "240"), (b[5].Text, b[6].Text));   // submitted h100
    }

    [Fact]
    public async Task TheReceivedList_AsCsv_HasARowPerArrival_WithItsLocalInstant()
    {
        var file = await Exports.FileAsync(_db.Controller, ReportMunicipality.March, [_db.Roads.Id], ReportFigure.Received, ExportFormat.Csv);
        Assert.True(file.Ok, file.Message);
        var lines = System.Text.Encoding.UTF8.GetString(file.Value!.Content).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Номер;Поручение;Статус;Срок;Подразделение;Поступило;Переадресовано из", lines[0]);
        Assert.Equal(3, lines.Length - 1);                                                 // D, G, C: Roads' «Поступило» is 3
        Assert.Contains(lines, l => l.EndsWith(";02.03.2026 12:00;ЖКХ"));               // C forwarded at h2
    }

    [Fact]
    public async Task AFileIsRefused_AsTheListIs()
    {
        var file = await Exports.FileAsync(_db.Deputy, ReportMunicipality.March, [_db.Finance.Id], ReportFigure.Received, ExportFormat.Xlsx);
        Assert.Equal((Failure.Forbidden, ReportQueries.DepartmentNotYours), (file.Failure, file.Message));
    }

    [Fact]
    public async Task TheTitle_NamesTheDepartmentAndThePeriod_OrTheUnionsSize()
    {
        var reports = _db.Services.GetRequiredService<ReportQueries>();
        var one = (await reports.OrdersBehindAsync(_db.Deputy, ReportMunicipality.March, [_db.Roads.Id], ReportFigure.Received)).Value!;
        Assert.Equal("Поступило — Дороги, 01.03.2026–31.03.2026", Exports.Title(one));
        var both = (await reports.OrdersBehindAsync(_db.Deputy, ReportMunicipality.March, [_db.Roads.Id, _db.Housing.Id], ReportFigure.OverdueNow)).Value!;
        Assert.Equal("Просрочено сейчас — итого по 2 подразделениям, на 07.03.2026 10:00", Exports.Title(both));
    }
}
