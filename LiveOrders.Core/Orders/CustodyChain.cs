namespace LiveOrders.Core.Orders;

/// <summary>How a stay with the order ended; <see cref="Open"/> while it lasts.</summary>
public enum CustodyStayEnd
{
    Open,
    /// <summary>The department handed the order to another one.</summary>
    Forwarded,
    /// <summary>The department refused it: the order went back to its author.</summary>
    Declined,
    /// <summary>The author sent the declined order out again (ends the author's stay).</summary>
    Sent,
    /// <summary>The author accepted the result: the order is closed.</summary>
    Approved,
    Cancelled,
}

/// <summary>
/// One stay of the order with one holder: an executing department (<see cref="DepartmentId"/>), or its author after a
/// decline (<see cref="DepartmentId"/> null). <see cref="ArrivedBack"/> marks a stay that began with a ping-pong.
/// </summary>
public sealed record CustodyStay(int? DepartmentId, DateTime Since, DateTime? Until, CustodyStayEnd End, bool ArrivedBack = false)
{
    public bool WithAuthor => DepartmentId is null;
    public bool IsOpen => Until is null;

    /// <summary>How long the stay lasted, or, while it lasts, has lasted until <paramref name="now"/>.</summary>
    public TimeSpan DurationAt(DateTime now)
    {
        var end = Until ?? now;
        return end > Since ? end - Since : TimeSpan.Zero;
    }
}

/// <summary>
/// An order forwarded back to a department it had already left: <see cref="SentBackBy"/> forwarded it to
/// <see cref="ReturnedTo"/>. <see cref="Loop"/> is the round it made, from the earlier stay there to the return
/// (A → B → A).
/// </summary>
public sealed record PingPong(DateTime At, int ReturnedTo, int SentBackBy, IReadOnlyList<int> Loop);

/// <summary>
/// The order's chain of custody, derived from its history alone (docs/decisions/005-chain-of-custody-and-ping-pong.md):
/// <list type="bullet">
/// <item>a department's stay begins when it becomes the executing department (the order is sent or forwarded to it)
/// and ends when it forwards the order, declines it, or the order closes (approved or cancelled); time on review
/// counts to the executing department, which stays answerable for the order and gets it back on a return;</item>
/// <item>after a decline the order is with its author until she sends it again or cancels it: a stay with no department;</item>
/// <item>a ping-pong is a forward to a department that held the order before. A decline is not one (the order goes
/// back to its author, who decides where it goes next), nor is the author's sending it again after a decline; but a
/// later forward to any department that held it is, however that department let it go.</item>
/// </list>
/// A pure function: the same events give the same chain. Events of the same instant keep the order given; stored
/// events (with an id) come before new ones, as they were written first.
/// </summary>
public sealed record CustodyChain(IReadOnlyList<CustodyStay> Stays, IReadOnlyList<PingPong> PingPongs)
{
    public static readonly CustodyChain Empty = new([], []);

    public CustodyStay? Current => Stays.Count > 0 && Stays[^1].IsOpen ? Stays[^1] : null;

    public static CustodyChain Of(IEnumerable<OrderEvent> history)
    {
        var stays = new List<CustodyStay>();
        var pingPongs = new List<PingPong>();
        CustodyStay? open = null;

        void Close(DateTime at, CustodyStayEnd end)
        {
            if (open is null) return;
            stays.Add(open with { Until = at, End = end });
            open = null;
        }

        foreach (var e in history.OrderBy(e => e.At).ThenBy(e => e.Id == 0 ? long.MaxValue : e.Id))
        {
            switch (e.Kind)
            {
                case OrderEventKind.Sent when e.ToDepartmentId is { } to:
                    Close(e.At, CustodyStayEnd.Sent);
                    open = new CustodyStay(to, e.At, null, CustodyStayEnd.Open);
                    break;
                case OrderEventKind.Forwarded when e.ToDepartmentId is { } to:
                    var from = e.FromDepartmentId ?? open?.DepartmentId;
                    Close(e.At, CustodyStayEnd.Forwarded);
                    var earlier = stays.FindLastIndex(s => s.DepartmentId == to);
                    if (earlier >= 0 && from is { } by)
                        pingPongs.Add(new PingPong(e.At, to, by, LoopFrom(stays, earlier, to)));
                    open = new CustodyStay(to, e.At, null, CustodyStayEnd.Open, ArrivedBack: earlier >= 0);
                    break;
                case OrderEventKind.Declined:
                    Close(e.At, CustodyStayEnd.Declined);
                    open = new CustodyStay(null, e.At, null, CustodyStayEnd.Open);
                    break;
                case OrderEventKind.Approved:
                    Close(e.At, CustodyStayEnd.Approved);
                    break;
                case OrderEventKind.Cancelled:
                    Close(e.At, CustodyStayEnd.Cancelled);
                    break;
            }
        }
        if (open is not null) stays.Add(open);
        return new CustodyChain(stays, pingPongs);
    }

    /// <summary>The departments from the earlier stay at <paramref name="returnedTo"/> to the return, repeats in a row merged.</summary>
    private static IReadOnlyList<int> LoopFrom(List<CustodyStay> stays, int earlier, int returnedTo)
    {
        var loop = new List<int>();
        foreach (var id in stays.Skip(earlier).Select(s => s.DepartmentId).OfType<int>().Append(returnedTo))
            if (loop.Count == 0 || loop[^1] != id) loop.Add(id);
        return loop;
    }
}
