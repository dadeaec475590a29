using System.ComponentModel;

namespace EnforcementApi.Data;

[Description("The kind of record: `source`, `entity`, `event`, `figure` or `statement`.")]
public enum RecordType { Source, Entity, Event, Figure, Statement }
