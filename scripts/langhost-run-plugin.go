// RunPlugin for the Node.js language host built by scripts/pulumi-cli.sh: the host of the SDK
// module it is built from answers "not supported", and the engine starts a Node.js policy pack
// (`pulumi preview --policy-pack <dir>`) through the host's RunPlugin whenever a Node.js host is
// found. This runs the pack as Pulumi's own `pulumi-analyzer-policy` script does: node runs
// `@pulumi/pulumi/cmd/run-policy-pack` of the pack's folder with the engine's address, and the
// pack's output (the port it serves on, then its logs) streams back to the engine.

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// The engine names the plugin's folder in `info.program_directory` (fields 5 and 2), which the
// proto of this SDK predates: it arrives among the request's unknown fields.
const (
	infoField             protowire.Number = 5
	programDirectoryField protowire.Number = 2
)

// bytesField returns the first length-delimited field `num` of the encoded message `b`.
func bytesField(b []byte, num protowire.Number) []byte {
	for len(b) > 0 {
		n, typ, l := protowire.ConsumeTag(b)
		if l < 0 {
			return nil
		}
		b = b[l:]
		if typ == protowire.BytesType {
			v, m := protowire.ConsumeBytes(b)
			if m < 0 {
				return nil
			}
			if n == num {
				return v
			}
			b = b[m:]
			continue
		}
		m := protowire.ConsumeFieldValue(n, typ, b)
		if m < 0 {
			return nil
		}
		b = b[m:]
	}
	return nil
}

func pluginDirectory(req *pulumirpc.RunPluginRequest) string {
	if info := bytesField(req.ProtoReflect().GetUnknown(), infoField); info != nil {
		if dir := bytesField(info, programDirectoryField); len(dir) > 0 {
			return string(dir)
		}
	}
	return req.GetProgram()
}

func (host *nodeLanguageHost) RunPlugin(
	req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer,
) error {
	dir := pluginDirectory(req)
	if _, err := os.Stat(filepath.Join(dir, "PulumiPolicy.yaml")); err != nil {
		return fmt.Errorf("this Node.js language host runs only policy packs as plugins: no PulumiPolicy.yaml in %q", dir)
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	// The runner of the pack's own @pulumi/pulumi, resolved from the pack's folder.
	find := exec.Command(nodeBin, "-e", "console.log(require.resolve('@pulumi/pulumi/cmd/run-policy-pack'))")
	find.Dir = dir
	out, err := find.Output()
	if err != nil {
		return fmt.Errorf("it looks like the policy pack's dependencies are not installed; "+
			"try running npm install in %q (@pulumi/pulumi/cmd/run-policy-pack: %w)", dir, err)
	}
	runPath := strings.TrimSpace(string(out))

	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()

	args := append([]string{runPath}, req.GetArgs()...)
	args = append(args, ".")
	cmd := exec.Command(nodeBin, args...)
	cmd.Dir = dir
	cmd.Env = req.GetEnv()
	if len(cmd.Env) == 0 {
		cmd.Env = os.Environ()
	}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		if exiterr, ok := err.(*exec.ExitError); ok {
			return fmt.Errorf("policy pack exited with non-zero exit code: %d", exiterr.ExitCode())
		}
		return fmt.Errorf("could not run the policy pack: %w", err)
	}
	return closer.Close()
}
