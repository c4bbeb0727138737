namespace LiveOrders.Core.Reports;

/// <summary>
/// A figure of the reports page that drills down to the orders behind it (<see cref="ReportQueries.OrdersBehindAsync"/>).
/// Each has the definition stated on <see cref="ReportQueries.DepartmentFiguresAsync"/>; <see cref="DoneLate"/> is the done
/// that were not on time, <see cref="Marked"/> the done that were given a quality mark (the mean mark's orders).
/// </summary>
public enum ReportFigure
{
    Received,
    Done,
    DoneOnTime,
    DoneLate,
    OverdueNow,
    TimeToAccept,
    TimeToComplete,
    Forwards,
    Returns,
    ExtensionsAsked,
    ExtensionsGranted,
    Marked,
}

public static class ReportFigureText
{
    public const string Unknown = "Такого показателя в отчёте нет.";

    /// <summary>The figure's name as a list's title says it.</summary>
    public static string Russian(this ReportFigure figure) => figure switch
    {
        ReportFigure.Received => "Поступило",
        ReportFigure.Done => "Исполнено",
        ReportFigure.DoneOnTime => "Исполнено в срок",
        ReportFigure.DoneLate => "Исполнено с опозданием",
        ReportFigure.OverdueNow => "Просрочено сейчас",
        ReportFigure.TimeToAccept => "Время до принятия",
        ReportFigure.TimeToComplete => "Время исполнения",
        ReportFigure.Forwards => "Переадресации",
        ReportFigure.Returns => "Возвраты на доработку",
        ReportFigure.ExtensionsAsked => "Запрошенные продления",
        ReportFigure.ExtensionsGranted => "Одобренные продления",
        ReportFigure.Marked => "Оценки качества",
        _ => figure.ToString(),
    };

    /// <summary>The heading of the column holding each row's own value.</summary>
    public static string ValueHeader(this ReportFigure figure) => figure switch
    {
        ReportFigure.Received => "Поступило",
        ReportFigure.Done or ReportFigure.DoneOnTime => "Результат принят",
        ReportFigure.DoneLate => "Опоздание",
        ReportFigure.OverdueNow => "Просрочено на",
        ReportFigure.TimeToAccept => "Принято через",
        ReportFigure.TimeToComplete => "Исполнено за",
        ReportFigure.Forwards => "Переадресовано",
        ReportFigure.Returns => "Возвращено",
        ReportFigure.ExtensionsAsked => "Запрошено",
        ReportFigure.ExtensionsGranted => "Одобрено",
        ReportFigure.Marked => "Оценка",
        _ => "",
    };

    /// <summary>
    /// The heading of the rows' notes: where an arrival was forwarded from, where a forward went, the reason given. A
    /// heading rather than a preposition in the cell, since a department's short name («Образование») is not declined.
    /// </summary>
    public static string NoteHeader(this ReportFigure figure) => figure switch
    {
        ReportFigure.Received => "Переадресовано из",
        ReportFigure.Forwards => "Переадресовано в",
        _ => "Причина",
    };

    /// <summary>Whether the rows carry notes: arrivals, forwards, returns and extensions do.</summary>
    public static bool HasNotes(this ReportFigure figure) =>
        figure is ReportFigure.Received or ReportFigure.Forwards or ReportFigure.Returns or ReportFigure.ExtensionsAsked or ReportFigure.ExtensionsGranted;

    /// <summary>Whether a row's value is a duration (its mean and median are the reports page's).</summary>
    public static bool IsDuration(this ReportFigure figure) =>
        figure is ReportFigure.DoneLate or ReportFigure.OverdueNow or ReportFigure.TimeToAccept or ReportFigure.TimeToComplete;

    /// <summary>The figure a query string names (its name in any case), or none.</summary>
    public static ReportFigure? Parse(string? value) =>
        Enum.TryParse<ReportFigure>(value, ignoreCase: true, out var figure) && Enum.IsDefined(figure) && !int.TryParse(value, out _) ? figure : null;
}
