// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// Emits a log with caller-chosen topics and data, which `emit` cannot do: the event
/// signature would fix topic0 and the topic count.
library RawLog {
    error TooManyTopics(uint256 count);

    function emitLog(bytes32[] calldata topics, bytes calldata data) internal {
        uint256 count = topics.length;
        if (count > 4) revert TooManyTopics(count);
        assembly {
            let ptr := mload(0x40)
            calldatacopy(ptr, data.offset, data.length)
            let len := data.length
            switch count
            case 0 { log0(ptr, len) }
            case 1 { log1(ptr, len, calldataload(topics.offset)) }
            case 2 { log2(ptr, len, calldataload(topics.offset), calldataload(add(topics.offset, 0x20))) }
            case 3 {
                log3(ptr, len, calldataload(topics.offset), calldataload(add(topics.offset, 0x20)),
                    calldataload(add(topics.offset, 0x40)))
            }
            default {
                log4(ptr, len, calldataload(topics.offset), calldataload(add(topics.offset, 0x20)),
                    calldataload(add(topics.offset, 0x40)), calldataload(add(topics.offset, 0x60)))
            }
        }
    }
}
