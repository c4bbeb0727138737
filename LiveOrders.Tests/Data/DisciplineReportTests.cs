using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LiveOrders.Core;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveOrders.Tests.Data;

/// <summary>
/// «Справка об исполнительской дисциплине» on <see cref="ReportMunicipality"/> (the clock at h120 = 7 March 2026, 10:00
/// local). Its figures are <see cref="ReportFiguresTests"/>' (worked out there by hand); the lists, by hand here:
/// <list type="bullet">
/// <item>overdue now: C (Roads, due h48 = 4 March 10:00, awaiting acceptance) and F (Housing, due h48, never accepted),
/// each 120 − 48 = 72 h = «3 дня» late, no reason given;</item>
/// <item>done late in March: B (Housing, due h96 after its extension, reported at h100): «4 часа», with the reason it named
/// («Не поступили сведения от других органов», «Сделано с опозданием»).</item>
/// </list>
/// Totals for the deputy (Roads and Housing): received 4 + 3 = 7, done 3 + 1 = 4, on time 2 + 1 = 3 (75 %), late 1, overdue now 2.
/// </summary>
public sealed class DisciplineReportTests : IAsyncLifetime
{
    private static readonly ReportPeriod March = ReportMunicipality.March;
    private TestDatabase _db = default!;
    private ReportMunicipality _town = default!;
    private DisciplineReports Reports => _db.Services.GetRequiredService<DisciplineReports>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _town = await ReportMunicipality.BuildAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<string> NumberAsync(int id)
    {
        await using var db = _db.CreateDbContext();
        return await db.Orders.Where(o => o.Id == id).Select(o => o.Number).SingleAsync();
    }

    private async Task<DisciplineReport> BuildAsync(Actor actor, ReportPeriod period, int? department = null)
    {
        var result = await Reports.BuildAsync(actor, period, department);
        Assert.True(result.Ok, result.Message);
        return result.Value!;
    }

    [Fact]
    public async Task TheModel_HasTheHeaderFiguresAndListsWorkedOutByHand()
    {
        var report = await BuildAsync(_db.Deputy, March);

        Assert.Equal(new DisciplineHeader("Администрация", "за март 2026 г.", DisciplineReports.AllSupervised, new DateTime(2026, 3, 7, 10, 0, 0)),
            report.Header);
        Assert.Equal(new DisciplineTotals(7, 4, 3, 2), report.Totals);
        Assert.Equal("В отчётном периоде поступило 7 поручений, исполнено 4 поручения, из них в срок — 3 (75 %); просрочено на дату справки — 2 поручения."
            + " С нарушением срока исполнено 1 поручение.", report.Summary);

        var (b, c, f) = (await NumberAsync(_town.B), await NumberAsync(_town.C), await NumberAsync(_town.F));
        Assert.Equal(
            [
                new LateOrder(_town.C, c, "Поручение", "Дороги", new DateTime(2026, 3, 4, 10, 0, 0), TimeSpan.FromHours(72), null),
                new LateOrder(_town.F, f, "Поручение", "ЖКХ", new DateTime(2026, 3, 4, 10, 0, 0), TimeSpan.FromHours(72), null),
            ],
            report.OverdueNow);
        var late = Assert.Single(report.DoneLate);
        Assert.Equal(new LateOrder(_town.B, b, "Поручение", "ЖКХ", new DateTime(2026, 3, 6, 10, 0, 0), TimeSpan.FromHours(4),
            "Не поступили сведения от других органов: Сделано с опозданием"), late);
    }

    [Fact]
    public async Task ThePdf_ReadsBackWithEveryFigureTheListsAndTheBlankSignatures()
    {
        var report = await BuildAsync(_db.Deputy, March);
        var (b, c, f) = (await NumberAsync(_town.B), await NumberAsync(_town.C), await NumberAsync(_town.F));

        var pages = PdfText.Pages(DisciplinePdf.Write(report));

        var lines = Assert.Single(pages);
        Assert.Equal(["Администрация", "Справка об исполнительской дисциплине", "за март 2026 г.",
            "Подразделение: все курируемые подразделения", "Дата составления: 07.03.2026 10:00"], lines.Take(5));
        // Department | received | done | on time | % | late | overdue now
        Assert.Contains("ЖКХ | 4 | 3 | 2 | 67 % | 1 | 1", lines);
        Assert.Contains("Дороги | 3 | 1 | 1 | 100 % | 0 | 1", lines);
        Assert.Contains("Итого | 7 | 4 | 3 | 75 % | 1 | 2", lines);
        Assert.Contains("В отчётном периоде поступило 7 поручений, исполнено 4 поручения, из них в срок — 3 (75 %); просрочено на дату справки — 2 поручения."
            + " С нарушением срока исполнено 1 поручение.", string.Join(" ", lines));

        var overdueAt = lines.ToList().IndexOf("2. Поручения, просроченные на дату справки");
        var lateAt = lines.ToList().IndexOf("3. Поручения, исполненные с нарушением срока");
        Assert.True(overdueAt > 0 && lateAt > overdueAt);
        // № | number | title | department | due (date, its time on the next line) | delay | reason
        Assert.Equal([$"1 | {c} | Поручение | Дороги | 04.03.2026 | 3 дня | не указана", $"2 | {f} | Поручение | ЖКХ | 04.03.2026 | 3 дня | не указана"],
            lines.Skip(overdueAt).Where(l => l.StartsWith("1 | ") || l.StartsWith("2 | ")).Take(2));
        var lateRow = Assert.Single(lines.Skip(lateAt), l => l.StartsWith("1 | "));
        Assert.StartsWith($"1 | {b} | Поручение | ЖКХ | 06.03.2026 | 4 часа | Не поступили", lateRow);
        Assert.Contains("других органов:", string.Join(" ", lines.Skip(lateAt)));        // the reason wraps in its column
        Assert.Contains("Сделано с опозданием", string.Join(" ", lines.Skip(lateAt)));

        Assert.Contains("Начальник отдела контроля | ____________ / ____________ /", lines);
        Assert.Contains("Дата | «____» ______________ 20___ г.", lines);
        Assert.Equal("Справка об исполнительской дисциплине за март 2026 г. | Страница 1 из 1", lines[^1]);
    }

    [Fact]
    public async Task TheXlsx_ReadsBackWithTheHeaderFiguresListsAndSignatures()
    {
        var report = await BuildAsync(_db.Deputy, March);
        var (b, c, f) = (await NumberAsync(_town.B), await NumberAsync(_town.C), await NumberAsync(_town.F));

        var sheets = LiveOrders.Tests.Web.Xlsx.Read(DisciplineXlsx.Write(report));

        Assert.Equal(["Справка", DisciplineXlsx.OverdueSheet, DisciplineXlsx.LateSheet], sheets.Keys);
        var main = sheets["Справка"].Select(r => r.Select(x => x.Text).ToList()).ToList();
        Assert.Equal(["Администрация"], main[0]);
        Assert.Equal(["Справка об исполнительской дисциплине за март 2026 г."], main[1]);
        Assert.Equal(["Подразделение: все курируемые подразделения"], main[2]);
        Assert.Equal(["Дата составления: 07.03.2026 10:00"], main[3]);
        Assert.Equal(DisciplineXlsx.FigureHeaders, main[4]);
        Assert.Equal(["ЖКХ", "4", "3", "2", "67", "1", "1"], main[5]);
        Assert.Equal(["Дороги", "3", "1", "1", "100", "0", "1"], main[6]);
        Assert.Equal(["Итого", "7", "4", "3", "75", "1", "2"], main[7]);
        Assert.Equal([report.Summary], main[8]);
        Assert.Contains(["Начальник отдела контроля ____________ / ____________ /"], main);

        var overdue = sheets[DisciplineXlsx.OverdueSheet];
        Assert.Equal(DisciplineXlsx.ListHeaders, overdue[1].Select(x => x.Text));
        Assert.Equal(["1", c, "Поручение", "Дороги"], overdue[2].Take(4).Select(x => x.Text));
        Assert.Equal(new DateTime(2026, 3, 4, 10, 0, 0), overdue[2][4].Date);
        Assert.Equal(["3 дня", "72", "не указана"], overdue[2].Skip(5).Select(x => x.Text));
        Assert.Equal(["2", f, "Поручение", "ЖКХ"], overdue[3].Take(4).Select(x => x.Text));
        var late = sheets[DisciplineXlsx.LateSheet];
        Assert.Equal(["1", b, "Поручение", "ЖКХ"], late[2].Take(4).Select(x => x.Text));
        Assert.Equal(["4 часа", "4", "Не поступили сведения от других органов: Сделано с опозданием"], late[2].Skip(5).Select(x => x.Text));
        Assert.Equal(3, late.Count);
    }

    [Fact]
    public async Task OneDepartment_HasItsNameItsRowAndOnlyItsOrders_WithDeclinedNumbers()
    {
        var report = await BuildAsync(_db.Deputy, March, _db.Housing.Id);

        Assert.Equal("Управление ЖКХ", report.Header.Departments);
        var row = Assert.Single(report.Figures);
        Assert.Equal((4, 3, 2, 1), (row.Received, row.Done, row.DoneOnTime, row.OverdueNow));
        Assert.Equal("В отчётном периоде поступило 4 поручения, исполнено 3 поручения, из них в срок — 2 (67 %); просрочено на дату справки — 1 поручение."
            + " С нарушением срока исполнено 1 поручение.", report.Summary);
        Assert.Equal([_town.F], report.OverdueNow.Select(o => o.Id));
        Assert.Equal([_town.B], report.DoneLate.Select(o => o.Id));
        var lines = PdfText.Lines(DisciplinePdf.Write(report));
        Assert.Contains("Подразделение: Управление ЖКХ", lines);
        Assert.Contains("Итого | 4 | 3 | 2 | 67 % | 1 | 1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Дороги"));
    }

    [Fact]
    public async Task APeriodWithoutData_GivesZerosAndEmptyLists_NotAnError()
    {
        var report = await BuildAsync(_db.Controller, new ReportPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)), _db.Finance.Id);

        Assert.Equal(("за январь 2026 г.", "Финансовое управление"), (report.Header.Period, report.Header.Departments));
        Assert.Equal(new DisciplineTotals(0, 0, 0, 0), report.Totals);
        Assert.Equal("В отчётном периоде поступило 0 поручений, исполненных поручений нет; просрочено на дату справки — 0 поручений.", report.Summary);
        Assert.Empty(report.OverdueNow);
        Assert.Empty(report.DoneLate);
        var lines = PdfText.Lines(DisciplinePdf.Write(report));
        Assert.Contains("Итого | 0 | 0 | 0 | — | 0 | 0", lines);
        Assert.Equal(2, lines.Count(l => l == "Нет."));
        var sheets = LiveOrders.Tests.Web.Xlsx.Read(DisciplineXlsx.Write(report));
        Assert.Equal("Нет.", sheets[DisciplineXlsx.LateSheet][^1].Single().Text);
    }

    [Fact]
    public async Task AllDepartmentsForControl_ListsEveryDepartment_AndTheOverdueOfTheMomentEvenInAnEmptyPeriod()
    {
        var report = await BuildAsync(_db.Controller, new ReportPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)));

        Assert.Equal(DisciplineReports.AllDepartments, report.Header.Departments);
        Assert.Equal(3, report.Figures.Count);
        Assert.Equal([_town.C, _town.F], report.OverdueNow.Select(o => o.Id));
        Assert.Empty(report.DoneLate);
    }

    [Fact]
    public async Task ATenYearPeriod_Works()
    {
        var report = await BuildAsync(_db.Deputy, new ReportPeriod(new DateOnly(2020, 1, 1), new DateOnly(2030, 1, 1)), _db.Housing.Id);

        Assert.Equal("за период с 01.01.2020 по 31.12.2029", report.Header.Period);
        Assert.Equal(5, report.Totals.Received);                             // E (February) too
        Assert.Contains("за период с 01.01.2020 по 31.12.2029", PdfText.Lines(DisciplinePdf.Write(report)));
    }

    [Fact]
    public async Task ThoseWithoutReports_AnotherDepartment_AndAnEmptyPeriod_AreRefused()
    {
        foreach (var actor in new[] { _db.HousingClerk, _db.RoadsHead })
        {
            var result = await Reports.BuildAsync(actor, March, actor.DepartmentId);
            Assert.Equal((Failure.Forbidden, ReportQueries.NotYours), (result.Failure, result.Message));
        }
        var finance = await Reports.BuildAsync(_db.Deputy, March, _db.Finance.Id);
        Assert.Equal((Failure.Forbidden, ReportQueries.DepartmentNotYours), (finance.Failure, finance.Message));
        var empty = await Reports.BuildAsync(_db.Controller, new ReportPeriod(new DateOnly(2026, 3, 5), new DateOnly(2026, 3, 5)), null);
        Assert.Equal((Failure.Invalid, ReportPeriod.Empty), (empty.Failure, empty.Message));
    }
}
