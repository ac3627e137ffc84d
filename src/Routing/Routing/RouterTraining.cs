using System.Security.Cryptography;
using System.Text;
using HotlineDispatch.Departments;

namespace HotlineDispatch.Routing;

/// <summary>
/// What the router learns from: the labelled ticket samples, the requests among the chat samples,
/// the catalogue's scope clauses and the corrections people made; and how each classifier is set.
/// The settings were chosen on the validation split (README, "Routing"): character 1–2-grams beat
/// 1–3-grams there, and the concept thesaurus helps departments but not request detection.
/// </summary>
public sealed class RouterTraining(
    IReadOnlyList<TrainingExample> departments,
    IReadOnlyList<TrainingExample> requests,
    IReadOnlyList<TrainingExample> types)
{
    // Bump when anything about features or trainers changes, so cached models are not reused.
    private const string FormatVersion = "router-v1";

    /// <summary>A correction outweighs a sample: it is a case the model got wrong, confirmed by a person.</summary>
    public const float CorrectionWeight = 3;

    public static readonly ClassifierSettings DepartmentSettings = new(CharNgrams: 2, L2: 0.05f, CalibrationFolds: 3, Concepts: true);
    public static readonly ClassifierSettings RequestSettings = new(CharNgrams: 2, L2: 0.05f, CalibrationFolds: 3, Concepts: false);

    // Only the type's name is used, never its probability, so it is not calibrated.
    public static readonly ClassifierSettings TypeSettings = new(CharNgrams: 2, L2: 0.05f, CalibrationFolds: 0, Concepts: false);

    public IReadOnlyList<TrainingExample> Departments { get; } = departments;

    public IReadOnlyList<TrainingExample> Requests { get; } = requests;

    public IReadOnlyList<TrainingExample> Types { get; } = types;

    /// <summary>The shipped router: every sample, the scope clauses and the corrections so far.</summary>
    public static RouterTraining From(LabelledSamples samples, DepartmentCatalog catalog, IEnumerable<RoutingCorrection> corrections) =>
        From(samples.Tickets, samples.Chat, catalog, corrections);

    public static RouterTraining From(
        IEnumerable<TicketSample> tickets, IEnumerable<ChatSample> chat, DepartmentCatalog catalog, IEnumerable<RoutingCorrection> corrections)
    {
        var ticketList = tickets.ToList();
        var chatList = chat.ToList();
        var departments = ticketList.Select(t => new TrainingExample(t.Text, t.Department))
            .Concat(chatList.Where(c => c.Department is not null).Select(c => new TrainingExample(c.Text, c.Department!)))
            .Concat(ScopeExamples.From(catalog).Select(s => new TrainingExample(s.Text, s.Department, Calibrates: false)))
            .Concat(corrections.Where(c => catalog.Contains(c.Department)).Select(c => new TrainingExample(c.Text, c.Department, CorrectionWeight)))
            .ToList();
        var requests = chatList.Select(c => new TrainingExample(c.Text, c.IsRequest ? RouterModel.Request : RouterModel.Chatter)).ToList();
        var types = ticketList.Select(t => new TrainingExample(t.Text, t.Type.ToString())).ToList();
        return new RouterTraining(departments, requests, types);
    }

    /// <summary>The hash of everything that decides the model; equal versions train equal models.</summary>
    public string Version()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) => hash.AppendData(Encoding.UTF8.GetBytes(s + "\u0001"));
        Add(FormatVersion);
        foreach (var (name, examples, settings) in Parts())
        {
            Add(name);
            Add(settings.ToString());
            foreach (var e in examples)
            {
                Add($"{e.Label}\u0002{e.Weight}\u0002{e.Calibrates}\u0002{e.Text}");
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    public RouterModel Train() => new(
        Version(),
        TextClassifierTrainer.Train(Departments, DepartmentSettings),
        TextClassifierTrainer.Train(Requests, RequestSettings),
        TextClassifierTrainer.Train(Types, TypeSettings));

    private IEnumerable<(string, IReadOnlyList<TrainingExample>, ClassifierSettings)> Parts() =>
        [("departments", Departments, DepartmentSettings), ("requests", Requests, RequestSettings), ("types", Types, TypeSettings)];
}
