namespace LiveOrders.Core.Orders;

/// <summary>
/// A work order (поручение). Its state changes only through the methods below; each checks the
/// lifecycle, appends one history event and bumps <see cref="Version"/>, so that a concurrent
/// change made from a stale copy is detected on save. The deadline watcher's stamps (overdue,
/// reminder, escalation) are facts about time, not edits: they keep the version, so a person acting
/// at that moment is not told that someone else changed the order. Who may call which method is
/// <see cref="OrderPolicy"/>'s decision, not the entity's.
/// </summary>
public sealed class Order
{
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 20_000;
    public const int ReasonMaxLength = 2_000;

    private readonly List<OrderEvent> _history = [];
    // The events of the operation under way. Kept apart from History, which may have been loaded whole.
    private readonly List<OrderEvent> _newEvents = [];
    private readonly List<OrderCoExecutor> _coExecutors = [];

    public int Id { get; private set; }
    /// <summary>Registration number, e.g. П-2026/0042; given when the order is created.</summary>
    public string Number { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Text { get; private set; } = "";
    public int AuthorId { get; private set; }
    public int IssuingDepartmentId { get; private set; }
    public int ExecutingDepartmentId { get; private set; }
    public int? ResponsibleId { get; private set; }
    public Priority Priority { get; private set; }
    public DateTime DueAt { get; private set; }
    /// <summary>
    /// Whether the order is on control: its lapse is escalated to the curating deputy head (<see cref="RecordEscalation"/>).
    /// Set at creation; later only by <see cref="TakeOffControl"/> and <see cref="PutOnControl"/>, each with a reason.
    /// </summary>
    public bool OnControl { get; private set; }
    /// <summary>The kind of order (вид поручения), if the author chose one: its term gave the default due date, its rule says whether deadlines count working time.</summary>
    public int? TypeId { get; private set; }
    public OrderType? Type { get; private set; }
    /// <summary>When the order was last taken off control (null while on control, or never put on it): «Снято с контроля».</summary>
    public DateTime? TakenOffControlAt { get; private set; }
    /// <summary>The person who watches the order's execution besides its author (usually from the control department).</summary>
    public int? ControllerId { get; private set; }
    /// <summary>Marked «содержит персональные данные» (152-ФЗ): every opening of it is recorded (<see cref="OrderRead"/>).</summary>
    public bool ContainsPersonalData { get; private set; }
    public int? ParentId { get; private set; }
    /// <summary>The parent order, when loaded: who may see it may see this sub-order (<see cref="OrderPolicy"/>).</summary>
    public Order? Parent { get; private set; }
    public OrderStatus Status { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public int? QualityMark { get; private set; }
    public int ForwardCount { get; private set; }
    /// <summary>
    /// How many times the order was forwarded back to a department it had already left (<see cref="CustodyChain"/>):
    /// kept here by <see cref="Forward"/>, so that boards and the control panel find such orders without reading histories.
    /// </summary>
    public int PingPongCount { get; private set; }
    /// <summary>When the overdue fact was recorded for the current due time (null while it is not).</summary>
    public DateTime? OverdueRecordedAt { get; private set; }
    /// <summary>When the "due soon" reminder went out for the current due time.</summary>
    public DateTime? ReminderSentAt { get; private set; }
    /// <summary>When the overdue order was escalated to the curating deputy head.</summary>
    public DateTime? EscalatedAt { get; private set; }
    public DateTime? RequestedDueAt { get; private set; }
    public string? ExtensionReason { get; private set; }
    public int? ExtensionRequestedById { get; private set; }
    public int Version { get; private set; }

    /// <summary>The watcher's stamps, which a person's change may reset (a new due time gets its own).</summary>
    internal static readonly IReadOnlyList<string> DeadlineStamps = [nameof(OverdueRecordedAt), nameof(ReminderSentAt), nameof(EscalatedAt)];

    /// <summary>
    /// Whether this operation reset <see cref="DeadlineStamps"/>. They must then be written even where the copy read
    /// held none: the watcher may have stamped the order since, without changing its version. Not mapped (internal).
    /// </summary>
    internal bool DeadlineStampsReset { get; private set; }
    /// <summary>Number and title in lower case: SQLite's LIKE folds only ASCII, and people search in Russian.</summary>
    public string SearchKey { get; private set; } = "";

    public IReadOnlyList<OrderEvent> History => _history;

    /// <summary>
    /// The events appended since the last call, oldest first, and forgets them: what this operation
    /// should notify, publish and mail, whether or not <see cref="History"/> was loaded.
    /// </summary>
    public IReadOnlyList<OrderEvent> TakeNewEvents()
    {
        var taken = _newEvents.ToList();
        _newEvents.Clear();
        return taken;
    }
    public IReadOnlyList<OrderCoExecutor> CoExecutors => _coExecutors;

    private Order() { }

    /// <summary>Checks what the author typed, field by field, in the order the form shows them.</summary>
    public static (string Title, string Text) CheckDraft(OrderDraft draft, DateTime now)
    {
        var checkedContent = CheckContent(draft.Title, draft.Text, draft.Priority);
        EnsureFuture(draft.DueAt, now);
        return checkedContent;
    }

    /// <summary>The title, text and priority, checked the same way at creation and at a correction.</summary>
    private static (string Title, string Text) CheckContent(string? rawTitle, string? rawText, Priority priority)
    {
        var title = Required(rawTitle, "Укажите заголовок поручения.", TitleMaxLength, "Заголовок", "title");
        if (title.Any(char.IsControl))
            throw new OrderRuleException("Заголовок содержит недопустимые (управляющие) символы.", "title");
        if (!Enum.IsDefined(priority))
            throw new OrderRuleException("Неизвестный приоритет: выберите низкий, обычный, высокий или срочный.", "priority");
        var text = (rawText ?? "").Trim();
        if (text.Length > TextMaxLength)
            throw new OrderRuleException($"Текст поручения длиннее {TextMaxLength:N0} символов.", "text");
        return (title, text);
    }

    /// <param name="parent">The parent, for a sub-order (its <see cref="OrderDraft.ParentId"/> then names it).</param>
    public static Order Create(OrderDraft draft, int authorId, int issuingDepartmentId, DateTime now, Order? parent = null)
    {
        var (title, text) = CheckDraft(draft, now);
        var order = new Order
        {
            Title = title,
            Text = text,
            AuthorId = authorId,
            IssuingDepartmentId = issuingDepartmentId,
            ExecutingDepartmentId = draft.ExecutingDepartmentId,
            ResponsibleId = draft.ResponsibleId,
            Priority = draft.Priority,
            DueAt = AsUtc(draft.DueAt),
            OnControl = draft.OnControl,
            TypeId = draft.TypeId,
            ControllerId = draft.ControllerId,
            ContainsPersonalData = draft.ContainsPersonalData,
            ParentId = parent?.Id ?? draft.ParentId,
            Parent = parent,
            Status = OrderStatus.Draft,
            CreatedAt = now,
        };
        order.Append(new OrderEvent(OrderEventKind.Created, authorId, now, toDepartmentId: draft.ExecutingDepartmentId));
        return order;
    }

    internal void AssignNumber(string number)
    {
        Number = number;
        SearchKey = SearchKeyOf(Number, Title);
    }

    public static string SearchKeyOf(string number, string title) => $"{number} {title}".ToLowerInvariant();

    public bool IsOverdue(DateTime now) => Status.IsAwaitingExecution() && now >= DueAt;
    public bool HasPendingExtension => RequestedDueAt is not null;

    public void Send(int by, DateTime now, int? toDepartmentId = null)
    {
        Ensure(OrderAction.Send);
        EnsureFuture(DueAt, now);
        if (toDepartmentId is { } department && department != ExecutingDepartmentId)
        {
            ExecutingDepartmentId = department;
            ResponsibleId = null;
            _coExecutors.Clear();
        }
        Status = OrderStatus.New;
        SentAt = now;
        Append(new OrderEvent(OrderEventKind.Sent, by, now, toDepartmentId: ExecutingDepartmentId));
    }

    public void Accept(int by, DateTime now)
    {
        Ensure(OrderAction.Accept);
        Status = OrderStatus.InProgress;
        AcceptedAt = now;
        Append(new OrderEvent(OrderEventKind.Accepted, by, now));
    }

    public void Assign(int by, DateTime now, int responsibleId, IEnumerable<int>? coExecutorIds = null)
    {
        Ensure(OrderAction.Assign);
        ResponsibleId = responsibleId;
        _coExecutors.Clear();
        foreach (var id in (coExecutorIds ?? []).Where(id => id != responsibleId).Distinct())
            _coExecutors.Add(new OrderCoExecutor(id));
        Append(new OrderEvent(OrderEventKind.Assigned, by, now, employeeId: responsibleId));
    }

    public void Forward(int by, DateTime now, int toDepartmentId, string? reason)
    {
        Ensure(OrderAction.Forward);
        var why = Reason(reason);
        if (toDepartmentId == ExecutingDepartmentId)
            throw new OrderRuleException("Поручение уже в этом подразделении: выберите другое.", "department");
        EnsureHistoryLoaded();
        var pingPongsBefore = CustodyChain.Of(_history).PingPongs.Count;
        var from = ExecutingDepartmentId;
        ExecutingDepartmentId = toDepartmentId;
        ResponsibleId = null;
        _coExecutors.Clear();
        AcceptedAt = null;
        Status = OrderStatus.New;
        ForwardCount++;
        Append(new OrderEvent(OrderEventKind.Forwarded, by, now, why, fromDepartmentId: from, toDepartmentId: toDepartmentId));
        // Back to a department that already held it: recorded once, as its own fact (the curator hears of it), with the same version.
        if (CustodyChain.Of(_history).PingPongs.Count > pingPongsBefore)
        {
            PingPongCount++;
            Append(new OrderEvent(OrderEventKind.PingPong, by, now, fromDepartmentId: from, toDepartmentId: toDepartmentId), bumpsVersion: false);
        }
    }

    /// <summary>
    /// Where the order has been is read from its history, so a forward needs all of it: a sent order always has its
    /// «sent» event, and one without it here was loaded without its history (<see cref="ForwardOrder"/> loads it).
    /// </summary>
    private void EnsureHistoryLoaded()
    {
        if (!_history.Any(e => e.Kind == OrderEventKind.Sent))
            throw new InvalidOperationException($"Order {Id}: its history must be loaded before it is forwarded.");
    }

    public void Decline(int by, DateTime now, string? reason)
    {
        Ensure(OrderAction.Decline);
        var why = Reason(reason);
        Status = OrderStatus.Declined;
        Append(new OrderEvent(OrderEventKind.Declined, by, now, why, fromDepartmentId: ExecutingDepartmentId));
    }

    /// <param name="delayReasonId">Why the order is late, from the list: required, with the report, once the due time has passed.</param>
    public void Submit(int by, DateTime now, string? report, int? delayReasonId = null)
    {
        Ensure(OrderAction.Submit);
        var note = Optional(report);
        var delay = DelayReasonFor(OrderAction.Submit, now, delayReasonId, note);
        Status = OrderStatus.OnReview;
        SubmittedAt = now;
        Append(new OrderEvent(OrderEventKind.Submitted, by, now, note, delayReasonId: delay));
    }

    /// <param name="openSubOrdersReason">Why the order is approved with sub-orders still open; recorded in the history.</param>
    public void Approve(int by, DateTime now, int? mark, string? openSubOrdersReason = null)
    {
        Ensure(OrderAction.Approve);
        if (mark is < 1 or > 5)
            throw new OrderRuleException("Оценка качества — от 1 до 5.", "mark");
        var note = Optional(openSubOrdersReason);
        Status = OrderStatus.Done;
        CompletedAt = now;
        QualityMark = mark;
        ClearExtension();
        Append(new OrderEvent(OrderEventKind.Approved, by, now, note, mark: mark));
    }

    public void Return(int by, DateTime now, string? reason)
    {
        Ensure(OrderAction.Return);
        var why = Reason(reason);
        Status = OrderStatus.InProgress;
        SubmittedAt = null;
        Append(new OrderEvent(OrderEventKind.Returned, by, now, why));
    }

    /// <param name="delayReasonId">Why the order is late, from the list: required once the due time has passed.</param>
    public void RequestExtension(int by, DateTime now, DateTime newDueAt, string? reason, int? delayReasonId = null)
    {
        Ensure(OrderAction.RequestExtension);
        if (HasPendingExtension)
            throw new OrderRuleException("Запрос на продление срока уже ждёт решения.");
        var delay = DelayReasonFor(OrderAction.RequestExtension, now, delayReasonId, reason);
        var why = Reason(reason);
        newDueAt = AsUtc(newDueAt);
        if (newDueAt <= DueAt)
            throw new OrderRuleException("Новый срок должен быть позже текущего.", "dueAt");
        EnsureFuture(newDueAt, now);
        RequestedDueAt = newDueAt;
        ExtensionReason = why;
        ExtensionRequestedById = by;
        Append(new OrderEvent(OrderEventKind.ExtensionRequested, by, now, why, dueAt: newDueAt, delayReasonId: delay));
    }

    public void DecideExtension(int by, DateTime now, bool approve, string? comment)
    {
        Ensure(OrderAction.DecideExtension);
        if (RequestedDueAt is not { } requested)
            throw new OrderRuleException("Запроса на продление срока нет.");
        var note = Optional(comment);
        if (approve)
        {
            DueAt = requested;
            // A new due time gets its own reminder, overdue fact and escalation.
            if (now < DueAt)
            {
                (OverdueRecordedAt, EscalatedAt, ReminderSentAt) = (null, null, null);
                DeadlineStampsReset = true;
            }
        }
        ClearExtension();
        Append(new OrderEvent(approve ? OrderEventKind.ExtensionApproved : OrderEventKind.ExtensionRejected, by, now, note, dueAt: requested));
    }

    public void Cancel(int by, DateTime now, string? reason)
    {
        Ensure(OrderAction.Cancel);
        var why = Reason(reason);
        Status = OrderStatus.Cancelled;
        ClearExtension();
        Append(new OrderEvent(OrderEventKind.Cancelled, by, now, why));
    }

    /// <summary>
    /// The author's correction of a sent order: title, text and priority only (the due time changes by extension).
    /// The history keeps what each changed field was and became, so the executors can see what they now work to.
    /// </summary>
    public void Correct(int by, DateTime now, string? title, string? text, Priority priority)
    {
        Ensure(OrderAction.Correct);
        var (newTitle, newText) = CheckContent(title, text, priority);
        var changes = new List<string>();
        if (newTitle != Title) changes.Add(OrderCorrection.Describe("Название", Title, newTitle));
        if (newText != Text) changes.Add(OrderCorrection.Describe("Текст", Text, newText));
        if (priority != Priority) changes.Add(OrderCorrection.Describe("Приоритет", Priority.Russian(), priority.Russian()));
        if (changes.Count == 0)
            throw new OrderRuleException("Ничего не изменено: исправьте название, текст или приоритет.");
        Title = newTitle;
        Text = newText;
        Priority = priority;
        SearchKey = SearchKeyOf(Number, Title);
        Append(new OrderEvent(OrderEventKind.Corrected, by, now, string.Join("; ", changes)));
    }

    /// <summary>
    /// The author rewrites her draft whole (nobody else has seen it, so nobody is notified): checked as at creation.
    /// A change of the executing department drops the responsible chosen in the old one.
    /// </summary>
    public void EditDraft(int by, DateTime now, OrderDraft draft)
    {
        Ensure(OrderAction.EditDraft);
        var (title, text) = CheckDraft(draft, now);
        Title = title;
        Text = text;
        if (draft.ExecutingDepartmentId != ExecutingDepartmentId) _coExecutors.Clear();
        ExecutingDepartmentId = draft.ExecutingDepartmentId;
        ResponsibleId = draft.ResponsibleId;
        Priority = draft.Priority;
        DueAt = AsUtc(draft.DueAt);
        OnControl = draft.OnControl;
        TypeId = draft.TypeId;
        ControllerId = draft.ControllerId;
        ContainsPersonalData = draft.ContainsPersonalData;
        SearchKey = SearchKeyOf(Number, Title);
        Append(new OrderEvent(OrderEventKind.DraftEdited, by, now, toDepartmentId: ExecutingDepartmentId));
    }

    /// <summary>
    /// The author moves the due time herself, which takes a reason (the other way is the executor's extension).
    /// A pending extension request is settled by it; a new due time gets its own reminder, overdue fact and escalation.
    /// </summary>
    public void ChangeDue(int by, DateTime now, DateTime newDueAt, string? reason)
    {
        Ensure(OrderAction.ChangeDue);
        var why = Reason(reason);
        newDueAt = AsUtc(newDueAt);
        if (newDueAt == DueAt)
            throw new OrderRuleException("Срок не изменился: укажите другой.", "dueAt");
        EnsureFuture(newDueAt, now);
        DueAt = newDueAt;
        (OverdueRecordedAt, EscalatedAt, ReminderSentAt) = (null, null, null);
        DeadlineStampsReset = true;
        ClearExtension();
        Append(new OrderEvent(OrderEventKind.DueChanged, by, now, why, dueAt: newDueAt));
    }

    /// <summary>Names another controller, or none (<paramref name="controllerId"/> null); the history keeps who it became.</summary>
    public void ChangeController(int by, DateTime now, int? controllerId, string? reason = null)
    {
        Ensure(OrderAction.ChangeController);
        var note = Optional(reason);
        if (controllerId == ControllerId)
            throw new OrderRuleException(controllerId is null ? "Контролёр и так не назначен." : "Этот сотрудник уже контролёр поручения.", "controller");
        ControllerId = controllerId;
        Append(new OrderEvent(OrderEventKind.ControllerChanged, by, now, note, employeeId: controllerId));
    }

    /// <summary>
    /// «Снять с контроля»: the order stays as it is, but its lapse is no longer escalated to the curator. Takes a reason
    /// (executed, no longer relevant, merged into another order…), which the history keeps.
    /// </summary>
    public void TakeOffControl(int by, DateTime now, string? reason)
    {
        Ensure(OrderAction.TakeOffControl);
        if (!OnControl) throw new OrderRuleException(NotOnControlMessage);
        var why = Reason(reason);
        OnControl = false;
        TakenOffControlAt = now;
        Append(new OrderEvent(OrderEventKind.TakenOffControl, by, now, why));
    }

    /// <summary>«Поставить на контроль» (again), with a reason. An overdue order is then escalated as any order on control.</summary>
    public void PutOnControl(int by, DateTime now, string? reason)
    {
        Ensure(OrderAction.PutOnControl);
        if (OnControl) throw new OrderRuleException(AlreadyOnControlMessage);
        var why = Reason(reason);
        OnControl = true;
        TakenOffControlAt = null;
        Append(new OrderEvent(OrderEventKind.PutOnControl, by, now, why));
    }

    public const string NotOnControlMessage = "Поручение не на контроле.";
    public const string AlreadyOnControlMessage = "Поручение уже на контроле.";

    /// <summary>
    /// The curator's demand to speed the order up: its priority rises one step (an urgent one stays urgent) and the
    /// executing department's head is told why. The history keeps the reason and the priority it had.
    /// </summary>
    public void Expedite(int by, DateTime now, string? reason)
    {
        Ensure(OrderAction.Expedite);
        var why = Reason(reason);
        var raised = Priority < Priority.Urgent ? Priority + 1 : Priority;
        var note = raised != Priority ? $"Приоритет: {Priority.Russian()} → {raised.Russian()}. {why}" : why;
        if (note.Length > ReasonMaxLength) note = note[..ReasonMaxLength];
        Priority = raised;
        Append(new OrderEvent(OrderEventKind.Expedited, by, now, note));
    }

    /// <summary>
    /// The author marks the order as holding personal data (152-ФЗ), or takes the mark off; either is recorded in the
    /// history, since from the mark on every opening of the order is recorded.
    /// </summary>
    public void MarkPersonalData(int by, DateTime now, bool contains)
    {
        Ensure(OrderAction.MarkPersonalData);
        if (contains == ContainsPersonalData)
            throw new OrderRuleException(contains
                ? "Поручение уже отмечено как содержащее персональные данные."
                : "Поручение и так не отмечено как содержащее персональные данные.");
        ContainsPersonalData = contains;
        Append(new OrderEvent(contains ? OrderEventKind.PersonalDataMarked : OrderEventKind.PersonalDataUnmarked, by, now));
    }

    /// <summary>Records, once per due time, the fact that the due time has passed on an order still being executed.</summary>
    public bool RecordOverdue(DateTime now)
    {
        if (!IsOverdue(now) || OverdueRecordedAt is not null) return false;
        OverdueRecordedAt = now;
        // The fact dates from the due instant, even when recorded later (after a restart, say).
        Append(new OrderEvent(OrderEventKind.Overdue, null, DueAt, dueAt: DueAt), bumpsVersion: false);
        return true;
    }

    /// <summary>Notes, once per due time, that the "due soon" reminder was sent. Not a change of the order: no event, no new version.</summary>
    /// <param name="remindAt">When the reminder for the current due time is due (<see cref="Deadlines.DeadlineRules.ReminderAt"/>).</param>
    public bool RecordReminder(DateTime now, DateTime remindAt)
    {
        if (!Status.IsAwaitingExecution() || ReminderSentAt is not null || now < remindAt || now >= DueAt) return false;
        ReminderSentAt = now;
        return true;
    }

    /// <summary>Escalates, once per due time, an order on control still overdue at <paramref name="escalateAt"/> (<see cref="Deadlines.DeadlineRules.EscalationAt"/>).</summary>
    public bool RecordEscalation(DateTime now, DateTime escalateAt)
    {
        // Escalation is what "on control" means: an order off control is the executing department's own business.
        if (!OnControl || !IsOverdue(now) || EscalatedAt is not null || now < escalateAt) return false;
        EscalatedAt = now;
        Append(new OrderEvent(OrderEventKind.Escalated, null, now, dueAt: DueAt), bumpsVersion: false);
        return true;
    }

    /// <summary>
    /// The delay reason to record with a report or an extension request (<see cref="Delays.OrderDelay"/>): on an overdue
    /// order a reason from the list and the person's own words are both required; on a punctual one nothing is recorded.
    /// </summary>
    private int? DelayReasonFor(OrderAction action, DateTime now, int? delayReasonId, string? text)
    {
        if (!Delays.OrderDelay.Required(action, Status, DueAt, now)) return null;
        if (delayReasonId is null) throw new OrderRuleException(Delays.OrderDelay.ReasonMissing, "delayReasonId");
        if (!(text ?? "").Any(IsVisible)) throw new OrderRuleException(Delays.OrderDelay.TextMissing, "reason");
        return delayReasonId;
    }

    private void ClearExtension()
    {
        RequestedDueAt = null;
        ExtensionReason = null;
        ExtensionRequestedById = null;
    }

    private void Ensure(OrderAction action)
    {
        if (!OrderLifecycle.Allows(Status, action))
            throw new OrderRuleException(OrderLifecycle.RefusalFor(Status, action));
    }

    private void Append(OrderEvent e, bool bumpsVersion = true)
    {
        _history.Add(e);
        _newEvents.Add(e);
        if (bumpsVersion) Version++;
    }

    private static string Reason(string? reason) =>
        Required(reason, "Укажите причину.", ReasonMaxLength, "Причина", "reason");

    private static string? Optional(string? text)
    {
        var trimmed = text?.Trim();
        if (trimmed?.Length > ReasonMaxLength)
            throw new OrderRuleException($"Текст длиннее {ReasonMaxLength:N0} символов.", "reason");
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static string Required(string? value, string whenEmpty, int maxLength, string what, string field)
    {
        var trimmed = value?.Trim() ?? "";
        // Only NUL, zero-width or other invisible characters is as good as empty.
        if (!trimmed.Any(IsVisible)) throw new OrderRuleException(whenEmpty, field);
        if (trimmed.Length > maxLength)
            throw new OrderRuleException($"{what} длиннее {maxLength:N0} символов ({trimmed.Length:N0}).", field);
        return trimmed;
    }

    private static bool IsVisible(char c) =>
        !char.IsWhiteSpace(c) && !char.IsControl(c)
        && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format;

    /// <summary>How far ahead a due time may be: further than this is a typing slip (9999-12-31), not a plan.</summary>
    public static readonly TimeSpan LongestTerm = TimeSpan.FromDays(5 * 366);

    private static void EnsureFuture(DateTime dueAt, DateTime now)
    {
        var due = AsUtc(dueAt);
        if (due <= now)
            throw new OrderRuleException("Срок исполнения уже прошёл: укажите срок в будущем.", "dueAt");
        if (due - now > LongestTerm)
            throw new OrderRuleException("Срок исполнения дальше пяти лет: проверьте год.", "dueAt");
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
