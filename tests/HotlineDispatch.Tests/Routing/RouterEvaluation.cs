using System.Text;
using HotlineDispatch.Bench.Reporting;
using HotlineDispatch.Bench.Scenarios;
using HotlineDispatch.Departments;
using HotlineDispatch.Routing;

namespace HotlineDispatch.Tests.Routing;

/// <summary>
/// The router trained exactly as shipped but without the validation split, measured on that split
/// only (by <see cref="RouterQuality"/>, as <c>bench routing</c> measures the frozen test set): top-1
/// and top-3 department accuracy (tickets, and chat-group requests), a keyword baseline on the same
/// split, per-department confusion, calibration, urgency, request-vs-chatter F1 and analysis latency.
/// </summary>
public sealed class RouterEvaluation
{
    public RouterEvaluation()
    {
        var samples = LabelledSamples.LoadEmbedded();
        Catalog = DepartmentCatalog.LoadEmbedded();
        var (tickets, ticketValidation) = ValidationSplit.Of(samples.Tickets, t => t.Id, t => t.Department);
        var (chat, chatValidation) = ValidationSplit.Of(samples.Chat, c => c.Id, c => c.Department ?? "chatter");
        TicketValidation = ticketValidation;
        ChatValidation = chatValidation;
        TrainedOn = tickets.Select(t => t.Text).Concat(chat.Select(c => c.Id)).ToHashSet();
        Model = RouterTraining.From(tickets, chat, Catalog, []).Train();
        Baseline = new KeywordBaseline(Catalog);
        Quality = RouterQuality.Measure(Model, new LabelledSamples(ticketValidation, chatValidation));
    }

    public RouterQuality Quality { get; }

    public DepartmentCatalog Catalog { get; }

    public RouterModel Model { get; }

    public KeywordBaseline Baseline { get; }

    public IReadOnlyList<TicketSample> TicketValidation { get; }

    public IReadOnlyList<ChatSample> ChatValidation { get; }

    /// <summary>The texts of the training tickets and the ids of the training chat messages (where 收到 and 好的 recur).</summary>
    public IReadOnlySet<string> TrainedOn { get; }

    public double Accuracy(IEnumerable<(string Truth, string Predicted)> pairs)
    {
        var list = pairs.ToList();
        return list.Count(p => p.Truth == p.Predicted) / (double)list.Count;
    }

    /// <summary>Expected calibration error over ten confidence bins, and the bins (count, mean confidence, accuracy).</summary>
    public static (double Ece, IReadOnlyList<(int Count, double Confidence, double Accuracy)> Bins) Calibration(
        IReadOnlyList<(string Truth, DepartmentGuess Guess)> predictions)
    {
        var bins = predictions
            .GroupBy(p => Math.Min(9, (int)(p.Guess.Confidence * 10)))
            .OrderBy(g => g.Key)
            .Select(g => (g.Count(), g.Average(p => p.Guess.Confidence), g.Count(p => p.Truth == p.Guess.Code) / (double)g.Count()))
            .ToList();
        var ece = bins.Sum(b => b.Item1 * Math.Abs(b.Item2 - b.Item3)) / predictions.Count;
        return (ece, bins);
    }

    public string Report()
    {
        var report = new StringBuilder();
        var predictions = Quality.Predictions;
        var baseline = Accuracy(TicketValidation.Select(t => (t.Department, Baseline.Predict(t.Text))));
        var chatRequests = ChatValidation.Where(c => c.Department is not null).ToList();
        var chatAccuracy = Accuracy(chatRequests.Select(c => (c.Department!, Model.RankDepartments(c.Text)[0].Code)));
        var chatBaseline = Accuracy(chatRequests.Select(c => (c.Department!, Baseline.Predict(c.Text))));
        var (ece, bins) = Calibration(predictions);
        report.AppendLine($"validation: {TicketValidation.Count} tickets, {ChatValidation.Count} chat messages ({chatRequests.Count} requests); never trained on");
        report.AppendLine($"department top-1 accuracy, tickets: {Quality.Top1:F3} (keyword baseline {baseline:F3}); top-3 {Quality.Top3:F3}");
        report.AppendLine($"department top-1 accuracy, chat requests: {chatAccuracy:F3} (keyword baseline {chatBaseline:F3})");
        report.AppendLine($"request vs chatter: F1 {Quality.RequestF1:F3} (tp {Quality.RequestTruePositives}, fp {Quality.RequestFalsePositives}, fn {Quality.RequestMisses})");
        report.AppendLine($"urgency (patterns or model above {RouterTraining.UrgentAbove}): flagged {Quality.UrgentFlagged}/{Quality.Urgent} urgent "
            + $"(recall {Quality.UrgentRecall:F3}), {Quality.FalseAlarms} false alarms (precision {Quality.UrgentPrecision:F3}); "
            + $"patterns alone {TicketValidation.Count(t => t.Urgent && UrgencyDetector.Detect(t.Text) is not null)}");
        report.AppendLine($"calibration (temperature {Model.Departments.Temperature:F2}): ECE {ece:F3}");
        foreach (var (count, confidence, binAccuracy) in bins)
        {
            report.AppendLine($"  confidence ~{confidence:F2}: {count,3} tickets, accuracy {binAccuracy:F2}");
        }

        report.AppendLine("per-department (validation tickets): correct/total, and where the misses went");
        foreach (var department in Catalog.All)
        {
            var rows = predictions.Where(p => p.Truth == department.Code).ToList();
            var misses = rows.Where(p => p.Guess.Code != p.Truth).GroupBy(p => p.Guess.Code).Select(g => $"{g.Key}×{g.Count()}");
            report.AppendLine($"  {department.Code,-6} {rows.Count(p => p.Guess.Code == p.Truth)}/{rows.Count}  {string.Join(" ", misses)}");
        }

        var latencies = Latencies();
        report.AppendLine($"analysis latency (model, urgency, local sentiment; in process): p50 {latencies.Percentile(50):F2} ms, p99 {latencies.Percentile(99):F2} ms");
        return report.ToString();
    }

    public Latencies Latencies() =>
        RouterQuality.AnalysisLatencies(Model, [.. TicketValidation.Select(t => t.Text), .. ChatValidation.Select(c => c.Text)]);
}

/// <summary>
/// The baseline the router must beat: each department's scope text cut into its listed terms, and a
/// message goes to the department with the most terms in it.
/// </summary>
public sealed class KeywordBaseline(DepartmentCatalog catalog)
{
    private static readonly char[] Separators = "、，。；：（）,;:()和及与或".ToCharArray();

    private readonly IReadOnlyList<(string Code, string[] Terms)> _terms = catalog.All
        .Select(d => (d.Code, d.Scope.Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.StartsWith("负责", StringComparison.Ordinal) ? t[2..] : t)
            .Where(t => t.Length is >= 2 and <= 8)
            .ToArray()))
        .ToList();

    public string Predict(string text) =>
        _terms.MaxBy(d => d.Terms.Count(t => text.Contains(t, StringComparison.Ordinal))).Code;
}
