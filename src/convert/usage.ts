/** The help of `cdk8s-seldon convert`. */
export const CONVERT_USAGE = `Usage: cdk8s-seldon convert <manifest file or dir>... [--out <dir>] [--inline-credentials]

Converts Seldon manifests (multi-document YAML or JSON) into TypeScript for a
cdk8s chart that uses cdk8s-seldon's constructs: PrepackagedModel (with
withCanary/withShadow), SeldonDeployment with PredictiveUnits, RcloneSecret with
RcloneRemotes, SeldonServer, SeldonModel, Pipeline, Experiment, ServerConfig.
Objects of the same input refer to each other as constructs. Fields the
constructs have no prop for are carried as JSON patches on the construct, with
a comment naming each field, so the program synthesizes the same objects; other
kinds become plain ApiObjects. Directories are searched recursively for .yaml,
.yml and .json files; each file becomes one program (<file name>.ts).

Options:
  --out <dir>           write the programs into <dir> (needed for more than one
                        input file); without it the program is printed
  --inline-credentials  write credentials found in Secrets into the code; by
                        default the program reads them from environment
                        variables, which the summary lists
  --help, -h            show this help

Summary (stderr, or stdout with --out): per file and object, "converted",
"converted with patches" and the patched fields, "passed through as ApiObject"
and why, or the error (invalid YAML; an object Seldon's webhook would reject,
quoting its rule).

Exit codes: 0 every object converted, 1 some files or objects are errors (the
others are converted), 2 usage error.`;
