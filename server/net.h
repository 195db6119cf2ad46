// The one include of Boost.Asio for Vekha. Under C++20 with g++ 12, Boost 1.74's awaitable.hpp uses
// std::exchange without including <utility>, so <utility> comes first, here, once; and g++ 12's
// -Wnull-dereference misfires inside Asio's scheduler once inlined, so it is off for Asio's code.
#pragma once

#include <utility>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio.hpp>
#pragma GCC diagnostic pop
