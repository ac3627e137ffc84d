using System.Security.Cryptography;
using System.Text;
using HotlineDispatch.Departments;

namespace HotlineDispatch.Routing;

/// <summary>
/// What the router learns from: the labelled ticket samples (departments, types, urgency), the chat
/// samples (requests, and the requests' departments), the catalogue's scope clauses and the corrections
/// people made; and how each classifier is set.
/// The settings were chosen on the validation split (docs/routing.md): character 1–2-grams beat 1–3-grams
/// there, word bigrams helped departments and requests a little, and the concept thesaurus no longer helped.
/// </summary>
public sealed class RouterTraining(
    IReadOnlyList<TrainingExample> departments,
    IReadOnlyList<TrainingExample> requests,
    IReadOnlyList<TrainingExample> types,
    IReadOnlyList<TrainingExample> urgency)
{
    // Bump when anything about features or trainers changes, so cached models are not reused.
    private const string FormatVersion = "router-v3";

    /// <summary>A correction outweighs a sample: it is a case the model got wrong, confirmed by a person.</summary>
    public const float CorrectionWeight = 3;

    public static readonly ClassifierSettings DepartmentSettings = new(CharNgrams: 2, WordNgrams: 2, L2: 0.05f, CalibrationFolds: 2);
    // The cues of asking and telling (RequestCues) raised the out-of-fold F1 over the 1,252 chat messages from 0.940 to 0.946,
    // each at its best threshold, and called fewer chatter messages requests at every threshold from 0.5 to 0.8.
    public static readonly ClassifierSettings RequestSettings = new(CharNgrams: 2, WordNgrams: 2, L2: 0.05f, CalibrationFolds: 3, Cues: true);

    // Only the type's name is used, never its probability, so it is not calibrated.
    public static readonly ClassifierSettings TypeSettings = new(CharNgrams: 2, WordNgrams: 1, L2: 0.05f, CalibrationFolds: 0);

    // Read against UrgentAbove, a threshold on its own raw probability, so it is not calibrated either.
    public static readonly ClassifierSettings UrgencySettings = new(CharNgrams: 2, WordNgrams: 2, L2: 0.05f, CalibrationFolds: 0);

    /// <summary>
    /// The urgency classifier's probability from which a report is urgent. Chosen for recall on the
    /// validation split: with the patterns, 0.10 flagged 104 of 106 urgent reports there at precision 0.71
    /// (0.06 flagged all at 0.64, 0.20 lost two more); urgent reports are a sixth of the samples, so a
    /// probability well under a half already sets a report apart.
    /// </summary>
    public const double UrgentAbove = 0.10;

    /// <summary>
    /// The calibrated request probability from which a chat message is a request. Chosen for F1 on out-of-fold
    /// predictions over every chat sample (4 folds, the validation split one of them): 0.65 gave 0.946, 0.5 gave
    /// 0.935 with 17 more chatter messages called requests and 5 fewer missed, 0.6 to 0.75 lay within 0.005 of it.
    /// A danger reaches the grid worker's inbox whatever this says (urgency decides it on its own).
    /// </summary>
    public const double RequestAbove = 0.65;

    public IReadOnlyList<TrainingExample> Departments { get; } = departments;

    public IReadOnlyList<TrainingExample> Requests { get; } = requests;

    public IReadOnlyList<TrainingExample> Types { get; } = types;

    public IReadOnlyList<TrainingExample> Urgency { get; } = urgency;

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
        // Chatter is never urgent, and the tickets alone never show the classifier a greeting: 大家早上好！ scored 0.26.
        var urgency = ticketList.Select(t => new TrainingExample(t.Text, t.Urgent ? RouterModel.Urgent : RouterModel.Routine))
            .Concat(chatList.Where(c => !c.IsRequest).Select(c => new TrainingExample(c.Text, RouterModel.Routine)))
            .ToList();
        return new RouterTraining(departments, requests, types, urgency);
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

    public RouterModel Train()
    {
        // The department classifier is half of the work and independent of the others: on a second core
        // beside them, a silo's first start waits for it alone.
        var departments = Task.Run(() => TextClassifierTrainer.Train(Departments, DepartmentSettings));
        var requests = TextClassifierTrainer.Train(Requests, RequestSettings);
        var types = TextClassifierTrainer.Train(Types, TypeSettings);
        var urgency = TextClassifierTrainer.Train(Urgency, UrgencySettings);
        return new RouterModel(Version(), departments.GetAwaiter().GetResult(), requests, types, urgency);
    }

    private IEnumerable<(string, IReadOnlyList<TrainingExample>, ClassifierSettings)> Parts() =>
    [
        ("departments", Departments, DepartmentSettings), ("requests", Requests, RequestSettings), ("types", Types, TypeSettings),
        ("urgency", Urgency, UrgencySettings),
    ];
}
