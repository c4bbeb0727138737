using System.Globalization;
using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using LiveOrders.Web.Components.Board;
using Microsoft.Extensions.Options;

namespace LiveOrders.Web.Infrastructure;

/// <summary>
/// A department's board as filtered, as a download (<c>/board/export?department=N&amp;format=xlsx|csv</c> and the board's
/// filter: <c>mine=1</c>, <c>overdue=1</c>, <c>week=1</c>, <c>priority=High</c>, <c>executor=N</c>). The cards come from
/// the board's own query and go through the board's own <see cref="BoardState"/> with that filter, so the file holds the
/// cards the board shows, column by column («Колонка»), every one of them (not the page a column shows). Someone who may
/// not open that board gets a 403 ProblemDetails in Russian, a bad filter a 400.
/// </summary>
public static class BoardExportDownload
{
    public const string Pattern = "/board/export";
    public const string NotYours = "Доска этого подразделения вам недоступна.";
    public const string BadFilter = "Фильтр выгрузки доски указан неверно.";

    public static readonly string[] Headers =
        ["Колонка", "Номер", "Поручение", "Приоритет", "Срок", "Просрочено", "На контроле", "Исполнитель", "Выдал"];

    public static string Url(ExportFormat format, int departmentId, BoardFilter filter)
    {
        var query = new Dictionary<string, string?>
        {
            ["department"] = departmentId.ToString(CultureInfo.InvariantCulture),
            ["format"] = format.ToString().ToLowerInvariant(),
            ["mine"] = filter.Mine ? "1" : null,
            ["overdue"] = filter.Overdue ? "1" : null,
            ["week"] = filter.DueThisWeek ? "1" : null,
            ["priority"] = filter.Priority?.ToString(),
            ["executor"] = filter.ExecutorId?.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Pattern, query.Where(p => p.Value is not null));
    }

    public static void MapBoardExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Pattern, async (HttpContext http, ActorDirectory directory, OrderQueries queries, DeadlineRules deadlines, MunicipalTime time,
            IOptions<BoardOptions> options, CancellationToken ct) =>
        {
            var q = http.Request.Query;
            if (await directory.FindAsync(http.User, ct) is not { } actor) return ControlExportDownload.Forbidden(NotYours);
            if (!int.TryParse(q["department"], NumberStyles.None, CultureInfo.InvariantCulture, out var departmentId))
                return OrderExportDownloads.BadRequest("Укажите подразделение доски: его номер.");
            // The board page's decision: a department that exists, whose board this person may open.
            var department = (await queries.DepartmentsAsync(ct)).FirstOrDefault(d => d.Id == departmentId);
            if (department is null || !AccessPolicy.CanOpenBoard(actor, departmentId)
                || await queries.BoardAsync(actor, departmentId, ct) is not { } cards)
                return ControlExportDownload.Forbidden(NotYours);
            if (ExportFormats.Parse(q["format"]) is not { } format) return OrderExportDownloads.BadRequest("Укажите формат выгрузки: xlsx или csv.");
            if (!Flag(q["mine"], out var mine) || !Flag(q["overdue"], out var overdue) || !Flag(q["week"], out var week)
                || !Priority(q["priority"], out var priority) || !Executor(q["executor"], out var executor))
                return OrderExportDownloads.BadRequest(BadFilter);

            var state = new BoardState(actor, departmentId, options.Value, deadlines, time, card => queries.BelongsOnBoard(card, departmentId));
            state.Load(cards);
            state.SetFilter(new BoardFilter(mine, overdue, priority, week, executor));
            var rows = state.Matching.SelectMany(column => column.Cards.Select(c => (IReadOnlyList<object?>)
            [
                column.Title, c.Number, c.Title, c.Priority.Russian(), Local(time, c.DueAt),
                state.UrgencyOf(c) == Urgency.Overdue ? "да" : "нет", c.OnControl ? "да" : "нет", c.Responsible ?? "", c.IssuingDepartment,
            ])).ToList();
            var table = new ExportTable("Доска", Headers, rows);
            var name = $"Доска_{new string(department.ShortName.Select(ch => char.IsLetterOrDigit(ch) || ch == '-' ? ch : '_').ToArray())}_{time.LocalNow:yyyy-MM-dd}";
            var file = format == ExportFormat.Xlsx
                ? new ExportFile(XlsxExport.Write([table]), ExportFormats.XlsxType, name + ".xlsx")
                : new ExportFile(CsvExport.Write([table]), ExportFormats.CsvType, name + ".csv");
            return OrderExportDownloads.Send(http, file);
        }).RequireAuthorization().ExcludeFromDescription();

    /// <summary>In the municipality's zone, to the whole second (a spreadsheet date holds no finer).</summary>
    private static DateTime Local(MunicipalTime time, DateTime utc)
    {
        var local = time.ToLocal(utc);
        return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
    }

    private static bool Flag(string? value, out bool on)
    {
        on = value == "1";
        return string.IsNullOrEmpty(value) || value is "0" or "1";
    }

    private static bool Priority(string? value, out Priority? priority)
    {
        priority = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (!Enum.TryParse<Priority>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(value, out _)) return false;
        priority = parsed;
        return true;
    }

    private static bool Executor(string? value, out int? executor)
    {
        executor = null;
        if (string.IsNullOrEmpty(value)) return true;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return false;
        executor = id;
        return true;
    }
}
