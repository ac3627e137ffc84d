using System.Diagnostics;
using HotlineDispatch.Bench.Reporting;
using HotlineDispatch.Routing;

namespace HotlineDispatch.Bench.Scenarios;

/// <summary>
/// What a router model makes of a labelled set: department top-1 and top-3 over its tickets, urgency
/// (patterns OR model, as intake decides it) against the tickets' labels, request-or-chatter over its
/// chat messages, and which departments it mistakes for which. Shared by <c>bench routing</c> (the
/// frozen test set) and the validation tests, so both count the same way.
/// </summary>
public sealed class RouterQuality
{
    private RouterQuality(IReadOnlyList<(TicketSample Ticket, IReadOnlyList<DepartmentGuess> Ranking, bool Flagged)> tickets,
        IReadOnlyList<(ChatSample Message, bool Request)> chat)
    {
        Tickets = tickets.Count;
        Top1 = Share(tickets, t => t.Ranking[0].Code == t.Ticket.Department);
        Top3 = Share(tickets, t => t.Ranking.Take(3).Any(g => g.Code == t.Ticket.Department));
        Urgent = tickets.Count(t => t.Ticket.Urgent);
        UrgentFlagged = tickets.Count(t => t.Ticket.Urgent && t.Flagged);
        FalseAlarms = tickets.Count(t => !t.Ticket.Urgent && t.Flagged);
        ChatMessages = chat.Count;
        RequestTruePositives = chat.Count(c => c.Request && c.Message.IsRequest);
        RequestFalsePositives = chat.Count(c => c.Request && !c.Message.IsRequest);
        RequestMisses = chat.Count(c => !c.Request && c.Message.IsRequest);
        Predictions = tickets.Select(t => (t.Ticket.Department, t.Ranking[0])).ToList();
        Confusions = tickets.Where(t => t.Ranking[0].Code != t.Ticket.Department)
            .GroupBy(t => (t.Ticket.Department, t.Ranking[0].Code))
            .Select(g => (g.Key.Department, g.Key.Code, g.Count()))
            .OrderByDescending(c => c.Item3).ThenBy(c => c.Department, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
    }

    public int Tickets { get; }

    public double Top1 { get; }

    public double Top3 { get; }

    public int Urgent { get; }

    public int UrgentFlagged { get; }

    public int FalseAlarms { get; }

    public double UrgentRecall => Urgent == 0 ? 0 : UrgentFlagged / (double)Urgent;

    public double UrgentPrecision => UrgentFlagged + FalseAlarms == 0 ? 0 : UrgentFlagged / (double)(UrgentFlagged + FalseAlarms);

    public int ChatMessages { get; }

    public int RequestTruePositives { get; }

    public int RequestFalsePositives { get; }

    public int RequestMisses { get; }

    public double RequestF1 => RequestTruePositives == 0 ? 0
        : 2.0 * RequestTruePositives / (2 * RequestTruePositives + RequestFalsePositives + RequestMisses);

    /// <summary>Each ticket's true department and the model's first guess.</summary>
    public IReadOnlyList<(string Truth, DepartmentGuess Guess)> Predictions { get; }

    /// <summary>Which department went where instead, most frequent first.</summary>
    public IReadOnlyList<(string Truth, string Predicted, int Count)> Confusions { get; }

    public static RouterQuality Measure(RouterModel model, LabelledSamples data) => new(
        data.Tickets.Select(t => (t, model.RankDepartments(t.Text), model.UrgentCue(t.Text) is not null)).ToList(),
        data.Chat.Select(c => (c, model.RequestProbability(c.Text) >= RouterTraining.RequestAbove)).ToList());

    /// <summary>
    /// How long the analysis of one text takes in process, as <c>POST /api/v1/analyze</c> does it apart from
    /// its two grain calls: departments, request, type, urgency and the local sentiment and key phrases.
    /// </summary>
    public static Latencies AnalysisLatencies(RouterModel model, IReadOnlyList<string> texts)
    {
        // Unmeasured first passes: the JIT and each classifier's first prediction engine.
        foreach (var text in texts.Take(20))
        {
            Analyze(model, text);
        }

        var latencies = new Latencies();
        foreach (var text in texts)
        {
            var started = Stopwatch.GetTimestamp();
            Analyze(model, text);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private static void Analyze(RouterModel model, string text)
    {
        model.RankDepartments(text);
        model.RequestProbability(text);
        model.Type(text);
        model.UrgentCue(text);
        LocalTextInsights.Analyze(text);
    }

    private static double Share<T>(IReadOnlyList<T> items, Func<T, bool> predicate) =>
        items.Count == 0 ? 0 : items.Count(predicate) / (double)items.Count;
}
