// lightshow-agent: plays the server's light shows on 8 GPIO channels.
#include <CLI/CLI.hpp>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "app/agent.h"
#include "app/agent_options.h"
#include "app/gpio_test.h"
#include "app/signals.h"
#include "base/log.h"

int main(int argc, char** argv) {
  CLI::App app{"lightshow-agent: plays light shows streamed by lightshow-server on 8 GPIO "
               "channels (relays), or into a CSV file with --gpio sim:PATH"};
  ls::agent::AgentOptions options;
  ls::agent::AddAgentFlags(app, &options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (absl::Status st = ls::agent::CheckAgentOptions(options); !st.ok()) {
    std::cerr << "lightshow-agent: " << st.message() << "\n";
    return 2;
  }
  if (options.gpio_test) {
    ls::agent::BlockTerminationSignals();  // Ctrl-C ends the test with every pin off
    const absl::Status st = ls::agent::RunGpioTestFromOptions(
        options, std::cout, [](int ms) { return ls::agent::WaitForTerminationSignal(ms) == 0; });
    if (!st.ok()) std::cerr << "lightshow-agent: " << st.message() << "\n";
    return st.ok() ? 0 : (absl::IsCancelled(st) ? 1 : 2);
  }
  auto setup = ls::agent::MakeAgentSetup(options);
  if (!setup.ok()) {
    std::cerr << "lightshow-agent: " << setup.status().message() << "\n";
    return 2;
  }
  ls::agent::BlockTerminationSignals();  // before any thread exists
  auto agent = ls::agent::Agent::Create(*setup);
  if (!agent.ok()) {
    std::cerr << "lightshow-agent: " << agent.status().message() << "\n";
    return 2;
  }
  if (absl::Status st = (*agent)->Start(); !st.ok()) {
    std::cerr << "lightshow-agent: " << st.message() << "\n";
    return 1;
  }
  ls::agent::Log(absl::StrCat("started as ", options.id, ", server ", options.server));
  int sig = 0;
  while ((sig = ls::agent::WaitForTerminationSignal(1000)) == 0) {
  }
  ls::agent::Log(absl::StrCat("signal ", sig, ": lights off, exiting"));
  (*agent)->Stop();
  return 0;
}
